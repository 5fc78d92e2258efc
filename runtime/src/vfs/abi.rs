//! WASI preview 1 as the guest sees it in its linear memory: error numbers, flags, the
//! little-endian layouts of the structures the file calls exchange (iovec, fdstat, filestat,
//! prestat, dirent, subscription, event), and bounds-checked access to the guest's memory.
//!
//! The values and offsets are those of the `wasi_snapshot_preview1` witx (wasmtime-wasi's
//! `witx/p1/typenames.witx`) and of wasi-libc's `wasi/api.h`, which checks each one with a
//! `_Static_assert`; nothing here depends on how wasmtime-wasi generates its own bindings.

/// A WASI error number (`errno`), as the guest's libc sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Errno(pub(crate) u16);

impl Errno {
    pub(crate) const BADF: Errno = Errno(8);
    pub(crate) const EXIST: Errno = Errno(20);
    pub(crate) const FAULT: Errno = Errno(21);
    pub(crate) const FBIG: Errno = Errno(22);
    pub(crate) const ILSEQ: Errno = Errno(25);
    pub(crate) const INVAL: Errno = Errno(28);
    pub(crate) const IO: Errno = Errno(29);
    pub(crate) const ISDIR: Errno = Errno(31);
    pub(crate) const LOOP: Errno = Errno(32);
    pub(crate) const MFILE: Errno = Errno(33);
    pub(crate) const NAMETOOLONG: Errno = Errno(37);
    pub(crate) const NOENT: Errno = Errno(44);
    pub(crate) const NOSPC: Errno = Errno(51);
    pub(crate) const NOTDIR: Errno = Errno(54);
    pub(crate) const NOTEMPTY: Errno = Errno(55);
    pub(crate) const NOTSOCK: Errno = Errno(57);
    pub(crate) const NOTSUP: Errno = Errno(58);
    pub(crate) const OVERFLOW: Errno = Errno(61);
    pub(crate) const PERM: Errno = Errno(63);
    pub(crate) const ROFS: Errno = Errno(69);
    pub(crate) const SPIPE: Errno = Errno(70);
    pub(crate) const XDEV: Errno = Errno(75);
}

/// What a file call answers: a value, or the error number the guest sees.
pub(crate) type WasiResult<T> = Result<T, Errno>;

/// `filetype`.
pub(crate) mod filetype {
    pub(crate) const UNKNOWN: u8 = 0;
    pub(crate) const DIRECTORY: u8 = 3;
    pub(crate) const REGULAR_FILE: u8 = 4;
    pub(crate) const SYMBOLIC_LINK: u8 = 7;
}

/// `fdflags`.
pub(crate) mod fdflags {
    pub(crate) const APPEND: u16 = 1 << 0;
    pub(crate) const NONBLOCK: u16 = 1 << 2;
}

/// `oflags`.
pub(crate) mod oflags {
    pub(crate) const CREAT: u16 = 1 << 0;
    pub(crate) const DIRECTORY: u16 = 1 << 1;
    pub(crate) const EXCL: u16 = 1 << 2;
    pub(crate) const TRUNC: u16 = 1 << 3;
}

/// `lookupflags`.
pub(crate) const LOOKUP_SYMLINK_FOLLOW: u32 = 1;

/// `fstflags`.
pub(crate) mod fstflags {
    pub(crate) const ATIM: u16 = 1 << 0;
    pub(crate) const ATIM_NOW: u16 = 1 << 1;
    pub(crate) const MTIM: u16 = 1 << 2;
    pub(crate) const MTIM_NOW: u16 = 1 << 3;
}

/// `rights`: the bits the guest's libc looks at.
pub(crate) mod rights {
    pub(crate) const FD_READ: u64 = 1 << 1;
    pub(crate) const FD_SEEK: u64 = 1 << 2;
    pub(crate) const FD_TELL: u64 = 1 << 5;
    pub(crate) const FD_WRITE: u64 = 1 << 6;
    pub(crate) const FD_FILESTAT_SET_SIZE: u64 = 1 << 22;
    /// Every right preview 1 defines (bits 0 to 29).
    pub(crate) const ALL: u64 = (1 << 30) - 1;
    /// What a directory offers itself: everything but reading, writing and seeking bytes
    /// (wasmtime-wasi's set for preopened folders, which "many userlands expect").
    pub(crate) const DIRECTORY: u64 =
        ALL & !(FD_READ | FD_SEEK | FD_TELL | FD_WRITE | FD_FILESTAT_SET_SIZE);
}

/// `whence`.
pub(crate) mod whence {
    pub(crate) const SET: u8 = 0;
    pub(crate) const CUR: u8 = 1;
    pub(crate) const END: u8 = 2;
}

/// `clockid`.
pub(crate) mod clockid {
    pub(crate) const REALTIME: u32 = 0;
    pub(crate) const MONOTONIC: u32 = 1;
}

/// `eventtype`.
pub(crate) mod eventtype {
    pub(crate) const CLOCK: u8 = 0;
    pub(crate) const FD_READ: u8 = 1;
    pub(crate) const FD_WRITE: u8 = 2;
}

/// `subclockflags`.
pub(crate) const SUBSCRIPTION_CLOCK_ABSTIME: u16 = 1;

/// Size of a `dirent` header; the name follows it, without a terminator.
pub(crate) const DIRENT_SIZE: usize = 24;
/// Size of a `subscription`.
pub(crate) const SUBSCRIPTION_SIZE: u32 = 48;
/// Size of an `event`.
pub(crate) const EVENT_SIZE: u32 = 32;

/// `filestat`: what `stat` answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Filestat {
    pub(crate) dev: u64,
    pub(crate) ino: u64,
    pub(crate) filetype: u8,
    pub(crate) nlink: u64,
    pub(crate) size: u64,
    pub(crate) atim: u64,
    pub(crate) mtim: u64,
    pub(crate) ctim: u64,
}

impl Filestat {
    /// Its 64 bytes.
    pub(crate) fn encode(&self) -> [u8; 64] {
        let mut out = [0; 64];
        put(&mut out, 0, &self.dev.to_le_bytes());
        put(&mut out, 8, &self.ino.to_le_bytes());
        out[16] = self.filetype;
        put(&mut out, 24, &self.nlink.to_le_bytes());
        put(&mut out, 32, &self.size.to_le_bytes());
        put(&mut out, 40, &self.atim.to_le_bytes());
        put(&mut out, 48, &self.mtim.to_le_bytes());
        put(&mut out, 56, &self.ctim.to_le_bytes());
        out
    }
}

/// `fdstat`: what `fcntl(F_GETFL)` and friends answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fdstat {
    pub(crate) filetype: u8,
    pub(crate) flags: u16,
    pub(crate) rights_base: u64,
    pub(crate) rights_inheriting: u64,
}

impl Fdstat {
    /// Its 24 bytes.
    pub(crate) fn encode(&self) -> [u8; 24] {
        let mut out = [0; 24];
        out[0] = self.filetype;
        put(&mut out, 2, &self.flags.to_le_bytes());
        put(&mut out, 8, &self.rights_base.to_le_bytes());
        put(&mut out, 16, &self.rights_inheriting.to_le_bytes());
        out
    }
}

/// A `dirent` header for an entry whose name is `name_len` bytes long.
pub(crate) fn dirent(next: u64, ino: u64, name_len: u32, filetype: u8) -> [u8; DIRENT_SIZE] {
    let mut out = [0; DIRENT_SIZE];
    put(&mut out, 0, &next.to_le_bytes());
    put(&mut out, 8, &ino.to_le_bytes());
    put(&mut out, 16, &name_len.to_le_bytes());
    out[20] = filetype;
    out
}

/// An `event`: what `poll_oneoff` reports for one subscription.
pub(crate) fn event(userdata: u64, error: Errno, kind: u8, nbytes: u64) -> [u8; 32] {
    let mut out = [0; 32];
    put(&mut out, 0, &userdata.to_le_bytes());
    put(&mut out, 8, &error.0.to_le_bytes());
    out[10] = kind;
    put(&mut out, 16, &nbytes.to_le_bytes());
    out
}

fn put(out: &mut [u8], at: usize, bytes: &[u8]) {
    out[at..at + bytes.len()].copy_from_slice(bytes);
}

/// One `subscription` of `poll_oneoff`, decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subscription {
    /// Wake at `timeout` nanoseconds (absolute on clock `id` when `absolute`).
    Clock {
        userdata: u64,
        id: u32,
        timeout: u64,
        absolute: bool,
    },
    /// Report when descriptor `fd` can be read (`write` false) or written.
    Fd { userdata: u64, fd: u32, write: bool },
}

impl Subscription {
    /// Decodes the 48 bytes of a subscription; an unknown event type is `EINVAL`.
    pub(crate) fn decode(bytes: &[u8]) -> WasiResult<Subscription> {
        let userdata = u64_at(bytes, 0);
        match bytes[8] {
            eventtype::CLOCK => Ok(Subscription::Clock {
                userdata,
                id: u32_at(bytes, 16),
                timeout: u64_at(bytes, 24),
                absolute: u16_at(bytes, 40) & SUBSCRIPTION_CLOCK_ABSTIME != 0,
            }),
            kind @ (eventtype::FD_READ | eventtype::FD_WRITE) => Ok(Subscription::Fd {
                userdata,
                fd: u32_at(bytes, 16),
                write: kind == eventtype::FD_WRITE,
            }),
            _ => Err(Errno::INVAL),
        }
    }
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(word)
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The guest's linear memory, every access checked against its bounds: a pointer that leads
/// outside is `EFAULT` for the guest, never a fault of the host.
#[derive(Debug)]
pub(crate) struct GuestMemory<'a> {
    bytes: &'a mut [u8],
}

impl<'a> GuestMemory<'a> {
    pub(crate) fn new(bytes: &'a mut [u8]) -> Self {
        GuestMemory { bytes }
    }

    fn range(&self, ptr: u32, len: u32) -> WasiResult<std::ops::Range<usize>> {
        let start = ptr as usize;
        let end = start.checked_add(len as usize).ok_or(Errno::FAULT)?;
        if end > self.bytes.len() {
            return Err(Errno::FAULT);
        }
        Ok(start..end)
    }

    /// The `len` bytes at `ptr`.
    pub(crate) fn slice(&self, ptr: u32, len: u32) -> WasiResult<&[u8]> {
        let range = self.range(ptr, len)?;
        Ok(&self.bytes[range])
    }

    /// The `len` bytes at `ptr`, to write into.
    pub(crate) fn slice_mut(&mut self, ptr: u32, len: u32) -> WasiResult<&mut [u8]> {
        let range = self.range(ptr, len)?;
        Ok(&mut self.bytes[range])
    }

    /// The UTF-8 string of `len` bytes at `ptr` (a path); other bytes are `EILSEQ`.
    pub(crate) fn str(&self, ptr: u32, len: u32) -> WasiResult<&str> {
        std::str::from_utf8(self.slice(ptr, len)?).map_err(|_| Errno::ILSEQ)
    }

    pub(crate) fn write(&mut self, ptr: u32, bytes: &[u8]) -> WasiResult<()> {
        let len = u32::try_from(bytes.len()).map_err(|_| Errno::FAULT)?;
        self.slice_mut(ptr, len)?.copy_from_slice(bytes);
        Ok(())
    }

    pub(crate) fn write_u32(&mut self, ptr: u32, value: u32) -> WasiResult<()> {
        self.write(ptr, &value.to_le_bytes())
    }

    pub(crate) fn write_u64(&mut self, ptr: u32, value: u64) -> WasiResult<()> {
        self.write(ptr, &value.to_le_bytes())
    }

    /// The `(buf, buf_len)` pairs of an iovec or ciovec array of `count` entries at `ptr`.
    pub(crate) fn iovecs(&self, ptr: u32, count: u32) -> WasiResult<Vec<(u32, u32)>> {
        let table = self.slice(ptr, count.checked_mul(8).ok_or(Errno::FAULT)?)?;
        let iovecs: Vec<(u32, u32)> = table
            .chunks_exact(8)
            .map(|entry| (u32_at(entry, 0), u32_at(entry, 4)))
            .collect();
        // Every buffer must lie in memory, so that a call fails before it does anything.
        for &(buf, len) in &iovecs {
            self.range(buf, len)?;
        }
        Ok(iovecs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_match_wasi_libc() {
        let stat = Filestat {
            dev: 1,
            ino: 2,
            filetype: filetype::REGULAR_FILE,
            nlink: 3,
            size: 4,
            atim: 5,
            mtim: 6,
            ctim: 7,
        }
        .encode();
        assert_eq!(stat[16], 4);
        assert_eq!(u64_at(&stat, 32), 4);
        assert_eq!(u64_at(&stat, 56), 7);
        let fdstat = Fdstat {
            filetype: filetype::DIRECTORY,
            flags: fdflags::APPEND,
            rights_base: 9,
            rights_inheriting: 10,
        }
        .encode();
        assert_eq!((fdstat[0], u16_at(&fdstat, 2)), (3, 1));
        assert_eq!(u64_at(&fdstat, 16), 10);
        let entry = dirent(5, 6, 7, filetype::SYMBOLIC_LINK);
        assert_eq!((u32_at(&entry, 16), entry[20]), (7, 7));
    }

    #[test]
    fn subscriptions_decode() {
        let mut clock = [0u8; 48];
        clock[0] = 42;
        clock[8] = eventtype::CLOCK;
        clock[16] = 1;
        clock[24..32].copy_from_slice(&1_000u64.to_le_bytes());
        clock[40] = 1;
        assert_eq!(
            Subscription::decode(&clock),
            Ok(Subscription::Clock {
                userdata: 42,
                id: clockid::MONOTONIC,
                timeout: 1_000,
                absolute: true
            })
        );
        let mut read = [0u8; 48];
        read[8] = eventtype::FD_WRITE;
        read[16] = 3;
        assert_eq!(
            Subscription::decode(&read),
            Ok(Subscription::Fd {
                userdata: 0,
                fd: 3,
                write: true
            })
        );
        read[8] = 9;
        assert_eq!(Subscription::decode(&read), Err(Errno::INVAL));
    }

    #[test]
    fn memory_access_is_bounded() {
        let mut bytes = vec![0u8; 16];
        let mut memory = GuestMemory::new(&mut bytes);
        assert_eq!(memory.slice(12, 8), Err(Errno::FAULT));
        assert_eq!(memory.slice(u32::MAX, 2), Err(Errno::FAULT));
        memory.write_u32(0, 8).unwrap();
        memory.write_u32(4, 4).unwrap();
        assert_eq!(memory.iovecs(0, 1), Ok(vec![(8, 4)]));
        memory.write_u32(4, 9).unwrap();
        assert_eq!(memory.iovecs(0, 1), Err(Errno::FAULT));
    }
}
