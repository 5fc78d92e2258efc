//! The filesystem through its preview 1 calls, with a plain buffer as the guest's memory.

use std::collections::BTreeMap;
use std::sync::Arc;

use bytes::Bytes;

use super::abi::{Errno, GuestMemory, LOOKUP_SYMLINK_FOLLOW, filetype, oflags, rights, whence};
use super::tree::{Content, Tree};
use super::{CallError, Mount, RunClock, Stdio, Vfs};
use crate::output::CappedPipe;
use crate::{FsLimits, FsQuota, Limits, StreamKind};

const MOUNTS: [(&str, Mount); 4] = [
    ("/lib", Mount::Library),
    (".", Mount::WorkDir),
    ("/workspace", Mount::Workspace),
    ("/tmp", Mount::Tmp),
];
const LIB: u32 = 3;
const CWD: u32 = 4;
const WORKSPACE: u32 = 5;
const TMP: u32 = 6;
const READ: u64 = rights::FD_READ;
const WRITE: u64 = rights::FD_WRITE;

fn given() -> BTreeMap<String, Bytes> {
    BTreeMap::from([
        ("src/main.py".to_owned(), Bytes::from_static(b"print(1)\n")),
        ("src/data.txt".to_owned(), Bytes::from_static(b"given\n")),
        ("top.txt".to_owned(), Bytes::from_static(b"top\n")),
    ])
}

fn library() -> Arc<Tree> {
    let mut tree = Tree::new(2, 0);
    let os = Content::Shared(Bytes::from_static(b"# os\n"));
    tree.add_given(Tree::ROOT, "os.py", Some(os), 0).unwrap();
    Arc::new(tree)
}

fn vfs_with(limits: &Limits, stdout_cap: u64) -> (Vfs, CappedPipe) {
    let stdout = CappedPipe::new(stdout_cap, StreamKind::Stdout, None);
    let stdio = Stdio {
        stdin: Bytes::from_static(b"line one\nline two\n"),
        stdout: stdout.clone(),
        stderr: CappedPipe::new(100, StreamKind::Stderr, None),
    };
    let vfs = Vfs::new(
        &given(),
        "src",
        &MOUNTS,
        Some(library()),
        stdio,
        limits,
        RunClock::new(),
    )
    .unwrap();
    (vfs, stdout)
}

fn vfs() -> Vfs {
    vfs_with(&Limits::default(), 100).0
}

/// Guest memory with `bytes` at 1024 and one iovec for them at 0.
fn memory_with(bytes: &[u8]) -> Vec<u8> {
    let mut memory = vec![0u8; 1 << 16];
    memory[0..4].copy_from_slice(&1024u32.to_le_bytes());
    memory[4..8].copy_from_slice(&(bytes.len() as u32).to_le_bytes());
    memory[1024..1024 + bytes.len()].copy_from_slice(bytes);
    memory
}

fn write(vfs: &mut Vfs, fd: u32, bytes: &[u8]) -> Result<u32, CallError> {
    let mut memory = memory_with(bytes);
    let memory = GuestMemory::new(&mut memory);
    vfs.fd_write(&memory, fd, &[(1024, bytes.len() as u32)], None)
}

fn read(vfs: &mut Vfs, fd: u32, len: u32) -> Result<Vec<u8>, Errno> {
    let mut memory = vec![0u8; 1 << 16];
    let mut memory = GuestMemory::new(&mut memory);
    let n = vfs.fd_read(&mut memory, fd, &[(1024, len)], None)?;
    Ok(memory.slice(1024, n)?.to_vec())
}

fn open(vfs: &mut Vfs, dir: u32, path: &str, open: u16, rights: u64) -> Result<u32, Errno> {
    vfs.path_open(dir, LOOKUP_SYMLINK_FOLLOW, path, open, rights, 0)
}

#[test]
fn preopens_come_in_the_layouts_order_after_the_streams() {
    let vfs = vfs();
    assert_eq!(vfs.fd_prestat(LIB), Ok("/lib"));
    assert_eq!(vfs.fd_prestat(CWD), Ok("."));
    assert_eq!(vfs.fd_prestat(WORKSPACE), Ok("/workspace"));
    assert_eq!(vfs.fd_prestat(TMP), Ok("/tmp"));
    assert_eq!(vfs.fd_prestat(TMP + 1), Err(Errno::BADF));
    assert_eq!(vfs.fd_prestat(1), Err(Errno::BADF));
    assert_eq!(
        vfs.fd_fdstat_get(CWD).unwrap().filetype,
        filetype::DIRECTORY
    );
}

#[test]
fn stdin_is_the_requests_bytes_and_stdout_stops_at_its_cap() {
    let (mut vfs, stdout) = vfs_with(&Limits::default(), 8);
    assert_eq!(read(&mut vfs, 0, 5).unwrap(), b"line ");
    assert_eq!(read(&mut vfs, 0, 100).unwrap(), b"one\nline two\n");
    assert_eq!(read(&mut vfs, 0, 100).unwrap(), b"");
    assert!(matches!(write(&mut vfs, 1, b"hello"), Ok(5)));
    assert!(matches!(
        write(&mut vfs, 1, b"world"),
        Err(CallError::Trap(_))
    ));
    assert_eq!(stdout.take().bytes, b"hellowor");
    assert_eq!(vfs.fd_seek(0, 0, whence::SET), Err(Errno::SPIPE));
}

#[test]
fn files_are_written_read_appended_and_sought() {
    let mut vfs = vfs();
    let fd = open(&mut vfs, TMP, "notes.txt", oflags::CREAT, READ | WRITE).unwrap();
    assert_eq!(fd, TMP + 1);
    assert!(matches!(write(&mut vfs, fd, b"first\n"), Ok(6)));
    assert_eq!(vfs.fd_seek(fd, 0, whence::SET), Ok(0));
    assert_eq!(read(&mut vfs, fd, 100).unwrap(), b"first\n");
    assert_eq!(vfs.fd_seek(fd, -3, whence::END), Ok(3));
    vfs.fd_close(fd).unwrap();
    let appending = vfs
        .path_open(TMP, 0, "notes.txt", 0, WRITE, super::abi::fdflags::APPEND)
        .unwrap();
    write(&mut vfs, appending, b"second\n").unwrap();
    vfs.fd_close(appending).unwrap();
    let fd = open(&mut vfs, TMP, "notes.txt", 0, READ).unwrap();
    assert_eq!(read(&mut vfs, fd, 100).unwrap(), b"first\nsecond\n");
    assert!(matches!(
        write(&mut vfs, fd, b"x"),
        Err(CallError::Errno(Errno::BADF))
    ));
    assert_eq!(
        open(
            &mut vfs,
            TMP,
            "notes.txt",
            oflags::CREAT | oflags::EXCL,
            WRITE
        ),
        Err(Errno::EXIST)
    );
    assert_eq!(
        open(&mut vfs, TMP, "notes.txt", oflags::DIRECTORY, READ),
        Err(Errno::NOTDIR)
    );
    let truncated = open(&mut vfs, TMP, "notes.txt", oflags::TRUNC, WRITE).unwrap();
    assert_eq!(vfs.fd_filestat_get(truncated).unwrap().size, 0);
}

#[test]
fn the_working_directory_and_workspace_are_one_tree_and_the_callers_files_never_change() {
    let mut vfs = vfs();
    let fd = open(&mut vfs, CWD, "data.txt", 0, READ | WRITE).unwrap();
    assert_eq!(read(&mut vfs, fd, 100).unwrap(), b"given\n");
    write(&mut vfs, fd, b"changed\n").unwrap();
    let seen = open(&mut vfs, WORKSPACE, "src/data.txt", 0, READ).unwrap();
    assert_eq!(read(&mut vfs, seen, 100).unwrap(), b"given\nchanged\n");
    assert_eq!(given()["src/data.txt"], Bytes::from_static(b"given\n"));
    // `..` cannot climb out of the working directory's preopen, but `/workspace` sees all.
    assert_eq!(open(&mut vfs, CWD, "../top.txt", 0, READ), Err(Errno::PERM));
    assert!(open(&mut vfs, WORKSPACE, "top.txt", 0, READ).is_ok());
}

#[test]
fn the_library_is_read_only() {
    let mut vfs = vfs();
    let fd = open(&mut vfs, LIB, "os.py", 0, READ).unwrap();
    assert_eq!(read(&mut vfs, fd, 100).unwrap(), b"# os\n");
    assert_eq!(open(&mut vfs, LIB, "os.py", 0, WRITE), Err(Errno::ROFS));
    assert_eq!(
        open(&mut vfs, LIB, "new.py", oflags::CREAT, WRITE),
        Err(Errno::ROFS)
    );
    assert_eq!(vfs.path_unlink_file(LIB, "os.py"), Err(Errno::ROFS));
    assert_eq!(vfs.path_create_directory(LIB, "x"), Err(Errno::ROFS));
}

#[test]
fn folders_are_listed_as_dirents() {
    let mut vfs = vfs();
    vfs.path_create_directory(TMP, "d").unwrap();
    open(&mut vfs, TMP, "d/a.txt", oflags::CREAT, WRITE).unwrap();
    vfs.path_symlink("a.txt", TMP, "d/link").unwrap();
    let dir = open(&mut vfs, TMP, "d", oflags::DIRECTORY, READ).unwrap();
    let mut memory = vec![0u8; 4096];
    let mut memory = GuestMemory::new(&mut memory);
    let used = vfs.fd_readdir(&mut memory, dir, 0, 4096, 0).unwrap();
    let bytes = memory.slice(0, used).unwrap();
    let mut names = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let len = u32::from_le_bytes(bytes[at + 16..at + 20].try_into().unwrap()) as usize;
        names.push((
            String::from_utf8(bytes[at + 24..at + 24 + len].to_vec()).unwrap(),
            bytes[at + 20],
        ));
        at += 24 + len;
    }
    assert_eq!(
        names,
        [
            (".".to_owned(), filetype::DIRECTORY),
            ("..".to_owned(), filetype::DIRECTORY),
            ("a.txt".to_owned(), filetype::REGULAR_FILE),
            ("link".to_owned(), filetype::SYMBOLIC_LINK),
        ]
    );
    // A buffer too small for everything ends with a cut entry, as wasi-libc expects.
    let used = vfs.fd_readdir(&mut memory, dir, 0, 30, 0).unwrap();
    assert_eq!(used, 30);
    assert_eq!(vfs.path_readlink(TMP, "d/link").unwrap(), "a.txt");
    assert_eq!(vfs.path_remove_directory(TMP, "d"), Err(Errno::NOTEMPTY));
}

#[test]
fn descriptors_beyond_the_quota_are_emfile_and_named_in_the_result() {
    let limits = Limits::default().with_fs(FsLimits {
        open_files: 16,
        ..FsLimits::default()
    });
    let (mut vfs, _) = vfs_with(&limits, 100);
    // Three streams and four preopens hold 7 of the 16.
    for i in 0..9 {
        open(&mut vfs, TMP, &format!("{i}"), oflags::CREAT, WRITE).unwrap();
    }
    assert_eq!(
        open(&mut vfs, TMP, "one-more", oflags::CREAT, WRITE),
        Err(Errno::MFILE)
    );
    // Nothing was created by the refused call.
    assert_eq!(
        vfs.path_filestat_get(TMP, 0, "one-more").err(),
        Some(Errno::NOENT)
    );
    assert_eq!(vfs.quota_hit(), Some(FsQuota::OpenFiles));
    vfs.fd_close(TMP + 1).unwrap();
    assert_eq!(
        open(&mut vfs, TMP, "one-more", oflags::CREAT, WRITE),
        Ok(TMP + 1)
    );
}

#[test]
fn collected_files_are_those_made_or_changed() {
    let mut vfs = vfs();
    let out = open(&mut vfs, CWD, "out.txt", oflags::CREAT, WRITE).unwrap();
    write(&mut vfs, out, b"result\n").unwrap();
    // Rewritten with the same bytes: unchanged, so not returned.
    let same = open(&mut vfs, CWD, "data.txt", oflags::TRUNC, WRITE).unwrap();
    write(&mut vfs, same, b"given\n").unwrap();
    vfs.path_create_directory(CWD, "logs").unwrap();
    open(&mut vfs, CWD, "logs/a.log", oflags::CREAT, WRITE).unwrap();
    let patterns = ["*.txt", "logs/**"]
        .map(|p| super::GlobPattern::parse(p).unwrap())
        .to_vec();
    let collected = vfs.collect(&patterns, &given(), "src");
    let paths: Vec<_> = collected.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["logs/a.log", "out.txt"]);
    assert_eq!(collected.files[1].content, Bytes::from_static(b"result\n"));
    assert!(!collected.truncated);
}

#[test]
fn times_can_be_set_to_now_or_to_a_value() {
    use super::abi::fstflags;
    let (mut vfs, _) = vfs_with(&Limits::default(), 100);
    vfs.path_filestat_set_times(CWD, 0, "data.txt", 5, 6, fstflags::ATIM | fstflags::MTIM)
        .unwrap();
    let stat = vfs.path_filestat_get(CWD, 0, "data.txt").unwrap();
    assert_eq!((stat.atim, stat.mtim), (5, 6));
    // What `os.utime(path)` and `touch` ask for.
    vfs.path_filestat_set_times(
        CWD,
        0,
        "data.txt",
        0,
        0,
        fstflags::ATIM_NOW | fstflags::MTIM_NOW,
    )
    .unwrap();
    let stat = vfs.path_filestat_get(CWD, 0, "data.txt").unwrap();
    let a_year_ago = 1_700_000_000_000_000_000;
    assert!(stat.atim > a_year_ago && stat.mtim > a_year_ago, "{stat:?}");
    assert_eq!(
        vfs.path_filestat_set_times(
            CWD,
            0,
            "data.txt",
            1,
            1,
            fstflags::MTIM | fstflags::MTIM_NOW
        ),
        Err(Errno::INVAL)
    );
}
