//! The tree on its own: resolving paths, changing shape, and the quotas it keeps.

use super::*;
use crate::FsLimits;

fn quotas() -> Quotas {
    Quotas::new(FsLimits::default(), 1 << 30)
}

fn found(tree: &Tree, base: NodeId, path: &str) -> WasiResult<NodeId> {
    match tree.walk(base, path, true)?.walk {
        Walk::Found { node, .. } => Ok(node),
        Walk::Missing { .. } => Err(Errno::NOENT),
    }
}

/// A tree with `/a/b/f.txt` ("hello") and `/a/link` -> `b/f.txt`.
fn sample() -> (Tree, Quotas, NodeId) {
    let mut tree = Tree::new(1, 0);
    let mut q = quotas();
    let a = tree.create(Tree::ROOT, "a", New::Dir, 0, &mut q).unwrap();
    let b = tree.create(a, "b", New::Dir, 0, &mut q).unwrap();
    let f = tree.create(b, "f.txt", New::File, 0, &mut q).unwrap();
    tree.write_at(f, 0, b"hello", 0, &mut q).unwrap();
    tree.create(a, "link", New::Symlink("b/f.txt"), 0, &mut q)
        .unwrap();
    (tree, q, a)
}

#[test]
fn paths_resolve_beneath_their_base() {
    let (tree, _, a) = sample();
    let f = found(&tree, a, "b/f.txt").unwrap();
    assert_eq!(found(&tree, a, "./b/../b//f.txt"), Ok(f));
    assert_eq!(found(&tree, a, "link"), Ok(f));
    assert_eq!(found(&tree, a, ".."), Err(Errno::PERM));
    assert_eq!(found(&tree, a, "b/../../a"), Err(Errno::PERM));
    assert_eq!(found(&tree, a, "/etc/passwd"), Err(Errno::PERM));
    assert_eq!(found(&tree, a, "b/f.txt/x"), Err(Errno::NOTDIR));
    assert_eq!(found(&tree, a, "b/f.txt/"), Err(Errno::NOTDIR));
    assert_eq!(found(&tree, a, "nope/x"), Err(Errno::NOENT));
    let long = "n".repeat(NAME_MAX + 1);
    assert_eq!(found(&tree, a, &long), Err(Errno::NAMETOOLONG));
    // Not following the last link names the link itself.
    let Walk::Found { node, .. } = tree.walk(a, "link", false).unwrap().walk else {
        panic!("the link is there");
    };
    assert!(tree.is_symlink(node));
}

#[test]
fn links_that_leave_or_loop_are_refused() {
    let (mut tree, mut q, a) = sample();
    tree.create(a, "out", New::Symlink("../../x"), 0, &mut q)
        .unwrap();
    tree.create(a, "loop", New::Symlink("loop"), 0, &mut q)
        .unwrap();
    assert_eq!(found(&tree, a, "out"), Err(Errno::PERM));
    assert_eq!(found(&tree, a, "loop"), Err(Errno::LOOP));
}

#[test]
fn reads_writes_and_sizes_behave_as_on_disk() {
    let (mut tree, mut q, a) = sample();
    let f = found(&tree, a, "b/f.txt").unwrap();
    tree.write_at(f, 7, b"!", 1, &mut q).unwrap();
    let mut buf = [9u8; 16];
    let n = tree.read_at(f, 0, &mut buf).unwrap();
    assert_eq!(&buf[..n], b"hello\0\0!");
    assert_eq!(tree.read_at(f, 100, &mut buf), Ok(0));
    tree.set_size(f, 2, 2, &mut q).unwrap();
    assert_eq!(tree.contents(f).unwrap(), b"he");
    tree.set_size(f, 4, 3, &mut q).unwrap();
    assert_eq!(tree.contents(f).unwrap(), b"he\0\0");
    assert_eq!(tree.stat(f).unwrap().mtim, 3);
}

#[test]
fn a_file_deleted_while_open_lives_until_closed() {
    let (mut tree, mut q, a) = sample();
    let b = found(&tree, a, "b").unwrap();
    let f = found(&tree, a, "b/f.txt").unwrap();
    let used = q.bytes_left();
    tree.retain(f);
    tree.unlink(b, "f.txt", 0, &mut q).unwrap();
    assert_eq!(found(&tree, a, "b/f.txt"), Err(Errno::NOENT));
    assert_eq!(tree.contents(f).unwrap(), b"hello");
    assert_eq!(q.bytes_left(), used);
    tree.release(f, &mut q);
    assert!(tree.contents(f).is_err());
    assert!(q.bytes_left() > used);
}

#[test]
fn rename_follows_posix() {
    let (mut tree, mut q, a) = sample();
    let b = found(&tree, a, "b").unwrap();
    // Onto itself, a folder into itself, a file over a folder and back.
    tree.rename(b, "f.txt", b, "f.txt", 0, &mut q).unwrap();
    assert_eq!(tree.rename(a, "b", b, "x", 0, &mut q), Err(Errno::INVAL));
    tree.create(a, "c", New::Dir, 0, &mut q).unwrap();
    assert_eq!(
        tree.rename(b, "f.txt", a, "c", 0, &mut q),
        Err(Errno::ISDIR)
    );
    assert_eq!(
        tree.rename(a, "c", b, "f.txt", 0, &mut q),
        Err(Errno::NOTDIR)
    );
    // A folder over an empty folder, then a file over a file.
    tree.rename(a, "b", a, "c", 0, &mut q).unwrap();
    assert!(found(&tree, a, "c/f.txt").is_ok());
    let c = found(&tree, a, "c").unwrap();
    tree.create(a, "g", New::File, 0, &mut q).unwrap();
    tree.rename(a, "g", c, "f.txt", 0, &mut q).unwrap();
    assert_eq!(tree.size(found(&tree, a, "c/f.txt").unwrap()), Ok(0));
    assert_eq!(
        tree.remove_dir(Tree::ROOT, "a", 0, &mut q),
        Err(Errno::NOTEMPTY)
    );
}

#[test]
fn listing_survives_deletions_between_calls() {
    let mut tree = Tree::new(1, 0);
    let mut q = quotas();
    for i in 0..10 {
        tree.create(Tree::ROOT, &format!("f{i}"), New::File, 0, &mut q)
            .unwrap();
    }
    // Read three entries at a time, deleting each as it is seen, as `remove_dir_all`
    // does: every entry is seen once.
    let (mut cookie, mut seen) = (0, Vec::new());
    loop {
        let mut batch = Vec::new();
        tree.read_dir(Tree::ROOT, cookie, |entry| {
            batch.push(entry);
            batch.len() < 3
        })
        .unwrap();
        if batch.is_empty() {
            break;
        }
        for entry in batch {
            cookie = entry.next;
            if entry.name.starts_with('f') {
                tree.unlink(Tree::ROOT, &entry.name, 0, &mut q).unwrap();
            }
            seen.push(entry.name);
        }
    }
    assert_eq!(seen.len(), 12);
    assert_eq!(&seen[..3], [".", "..", "f0"]);
    assert_eq!(tree.children(Tree::ROOT).unwrap().count(), 0);
}

#[test]
fn quotas_refuse_what_would_cross_them() {
    let limits = FsLimits {
        bytes: 1000,
        entries: 3,
        depth: 3,
        path_bytes: 64,
        ..FsLimits::default()
    };
    let mut q = Quotas::new(limits, 1 << 30);
    let mut tree = Tree::new(1, 0);
    let a = tree.create(Tree::ROOT, "a", New::Dir, 0, &mut q).unwrap();
    let b = tree.create(a, "b", New::Dir, 0, &mut q).unwrap();
    assert_eq!(
        tree.create(b, &"c".repeat(70), New::Dir, 0, &mut q),
        Err(Errno::NAMETOOLONG)
    );
    assert_eq!(q.hit(), Some(FsQuota::PathLength));
    let f = tree.create(b, "f", New::File, 0, &mut q).unwrap();
    assert_eq!(tree.create(b, "g", New::File, 0, &mut q), Err(Errno::NOSPC));
    assert_eq!(
        tree.create(f, "x", New::File, 0, &mut q),
        Err(Errno::NOTDIR)
    );
    tree.write_at(f, 0, &[1; 1000], 0, &mut q).unwrap();
    assert_eq!(tree.write_at(f, 1000, &[1], 0, &mut q), Err(Errno::NOSPC));
    assert_eq!(tree.set_size(f, 5000, 0, &mut q), Err(Errno::NOSPC));
    tree.set_size(f, 10, 0, &mut q).unwrap();
    tree.write_at(f, 10, &[1; 900], 0, &mut q).unwrap();
    // Depth: `a/b` is 2 deep, so a folder in `b` would be 3 and one below it 4.
    tree.unlink(b, "f", 0, &mut q).unwrap();
    let c = tree.create(b, "c", New::Dir, 0, &mut q).unwrap();
    assert_eq!(
        tree.create(c, "d", New::Dir, 0, &mut q),
        Err(Errno::NAMETOOLONG)
    );
}

#[test]
fn a_very_deep_tree_is_dropped_without_recursion() {
    let limits = FsLimits {
        depth: 10_000,
        path_bytes: 65_536,
        entries: 1 << 20,
        ..FsLimits::default()
    };
    let mut q = Quotas::new(limits, 1 << 30);
    let mut tree = Tree::new(1, 0);
    let mut at = Tree::ROOT;
    for _ in 0..3_000 {
        at = tree.create(at, "d", New::Dir, 0, &mut q).unwrap();
    }
    drop(tree);
}
