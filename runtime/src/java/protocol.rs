//! The conversation with the runner inside a Java container (`infra/java-image/runner`): the
//! request written to its stdin, and the two lines it adds to its output — a preamble on stdout
//! before the program starts and a trailer on stderr when the JVM shuts down — which the host
//! strips before anyone sees the output.
//!
//! Both lines start with NUL, `CBX ` and a nonce chosen per run, so that ordinary output never
//! looks like them. The program runs in the same JVM as the runner and could forge the trailer,
//! but only to mislabel its own run.

use std::collections::BTreeMap;

use bytes::Bytes;

const MAGIC: u32 = 0x4342_5831;

/// Compiled classes: their paths under the class folder (`pkg/Main.class`) and bytes.
pub(crate) type Classes = Vec<(String, Vec<u8>)>;

/// What the runner is asked to do.
#[derive(Debug)]
pub(crate) enum Mode<'a> {
    /// Compile every `.java` file, then run the class of `entry` (a source path).
    Compile { entry: &'a str },
    /// Run `main_class` from classes compiled by an earlier run.
    Run {
        main_class: &'a str,
        classes: &'a Classes,
    },
}

/// The request, in the runner's framing: Java's `DataOutputStream` (big-endian lengths,
/// modified UTF-8 strings, which equal UTF-8 for the paths a request accepts).
pub(crate) fn encode_request(
    nonce: &str,
    mode: &Mode<'_>,
    files: &BTreeMap<String, Bytes>,
    stdin: &[u8],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(files.values().map(Bytes::len).sum::<usize>() + 4096);
    out.extend_from_slice(&MAGIC.to_be_bytes());
    put_str(&mut out, nonce);
    let (mode_byte, entry, classes): (u8, &str, &[(String, Vec<u8>)]) = match mode {
        Mode::Compile { entry } => (b'C', entry, &[]),
        Mode::Run {
            main_class,
            classes,
        } => (b'R', main_class, classes),
    };
    out.push(mode_byte);
    put_str(&mut out, entry);
    put_len(&mut out, files.len());
    for (path, bytes) in files {
        put_str(&mut out, path);
        put_bytes(&mut out, bytes);
    }
    put_len(&mut out, classes.len());
    for (path, bytes) in classes {
        put_str(&mut out, path);
        put_bytes(&mut out, bytes);
    }
    put_bytes(&mut out, stdin);
    out
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    let len = u16::try_from(s.len()).unwrap_or(u16::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&s.as_bytes()[..usize::from(len)]);
}

fn put_len(out: &mut Vec<u8>, len: usize) {
    out.extend_from_slice(&u32::try_from(len).unwrap_or(u32::MAX).to_be_bytes());
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_len(out, bytes.len());
    out.extend_from_slice(bytes);
}

/// How the runner announced the program, in its preamble.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Preamble {
    /// Mode `R`: the classes are loaded and the program starts.
    Ready,
    /// Mode `C`: the sources compiled; the program starts.
    Compiled {
        main_class: String,
        classes: Classes,
    },
    /// Mode `C`: javac refused the sources; its messages are on stderr.
    CompileError,
}

/// Takes the preamble off the front of stdout and passes the rest through.
#[derive(Debug)]
pub(crate) struct StdoutFilter {
    prefix: Vec<u8>,
    held: Vec<u8>,
    preamble: Option<Result<Preamble, String>>,
}

impl StdoutFilter {
    pub(crate) fn new(nonce: &str) -> Self {
        StdoutFilter {
            prefix: format!("\0CBX {nonce} ").into_bytes(),
            held: Vec::new(),
            preamble: None,
        }
    }

    /// The preamble once it has arrived whole; `Err` when stdout did not start with one.
    #[cfg(test)]
    pub(crate) fn preamble(&self) -> Option<&Result<Preamble, String>> {
        self.preamble.as_ref()
    }

    /// Takes the preamble (with its classes) out of the filter, once stdout has ended.
    pub(crate) fn take_preamble(&mut self) -> Option<Result<Preamble, String>> {
        self.preamble.take()
    }

    /// Accepts stdout bytes; answers the ones that belong to the program.
    pub(crate) fn push(&mut self, data: &[u8]) -> Vec<u8> {
        if self.preamble.is_some() {
            return data.to_vec();
        }
        self.held.extend_from_slice(data);
        let n = self.held.len().min(self.prefix.len());
        if self.held[..n] != self.prefix[..n] {
            self.preamble = Some(Err("the runner did not announce the program".to_owned()));
            return std::mem::take(&mut self.held);
        }
        let Some(newline) = self.held.iter().position(|&b| b == b'\n') else {
            return Vec::new();
        };
        let line = String::from_utf8_lossy(&self.held[self.prefix.len().min(newline)..newline])
            .into_owned();
        let mut words = line.split(' ');
        let parsed = match (words.next(), words.next(), words.next()) {
            (Some("ready"), None, None) => Ok((Preamble::Ready, 0)),
            (Some("compile_error"), None, None) => Ok((Preamble::CompileError, 0)),
            (Some("compiled"), Some(main_class), Some(len)) => len
                .parse::<usize>()
                .map(|len| {
                    let compiled = Preamble::Compiled {
                        main_class: main_class.to_owned(),
                        classes: Vec::new(),
                    };
                    (compiled, len)
                })
                .map_err(|_| format!("a bad preamble: {line:?}")),
            _ => Err(format!("a bad preamble: {line:?}")),
        };
        match parsed {
            Err(why) => {
                self.preamble = Some(Err(why));
                Vec::new()
            }
            Ok((preamble, payload_len)) => {
                let start = newline + 1;
                if self.held.len() < start + payload_len {
                    return Vec::new();
                }
                let payload = &self.held[start..start + payload_len];
                let preamble = match preamble {
                    Preamble::Compiled { main_class, .. } => match decode_classes(payload) {
                        Some(classes) => Ok(Preamble::Compiled {
                            main_class,
                            classes,
                        }),
                        None => Err("the runner sent unreadable classes".to_owned()),
                    },
                    other => Ok(other),
                };
                let rest = self.held.split_off(start + payload_len);
                self.held.clear();
                self.preamble = Some(preamble);
                rest
            }
        }
    }
}

impl StdoutFilter {
    /// The bytes still held when the stream ends without a whole preamble.
    pub(crate) fn finish(&mut self) -> Vec<u8> {
        if self.preamble.is_none() && !self.held.is_empty() {
            self.preamble = Some(Err(
                "the runner stopped before the program started".to_owned()
            ));
        }
        std::mem::take(&mut self.held)
    }
}

/// The runner's class bundle: a count, then (path, length, bytes) each.
fn decode_classes(mut bytes: &[u8]) -> Option<Classes> {
    fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, tail) = bytes.split_at_checked(n)?;
        *bytes = tail;
        Some(head)
    }
    fn int(bytes: &mut &[u8]) -> Option<usize> {
        let raw: [u8; 4] = take(bytes, 4)?.try_into().ok()?;
        usize::try_from(u32::from_be_bytes(raw)).ok()
    }
    let count = int(&mut bytes)?;
    let mut classes = Vec::with_capacity(count.min(4096));
    for _ in 0..count {
        let raw: [u8; 2] = take(&mut bytes, 2)?.try_into().ok()?;
        let path = std::str::from_utf8(take(&mut bytes, usize::from(u16::from_be_bytes(raw)))?)
            .ok()?
            .to_owned();
        let len = int(&mut bytes)?;
        classes.push((path, take(&mut bytes, len)?.to_vec()));
    }
    bytes.is_empty().then_some(classes)
}

/// What the runner said as the JVM shut down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Trailer {
    /// The program died of an exhausted Java heap.
    pub(crate) heap_exhausted: bool,
    /// The container's peak memory use in bytes (0 when its cgroup was unreadable).
    pub(crate) peak_memory_bytes: u64,
}

/// Takes the trailer out of stderr and passes the rest through, holding back only bytes from a
/// NUL on, while they may still turn out to be the trailer.
#[derive(Debug)]
pub(crate) struct StderrFilter {
    prefix: Vec<u8>,
    held: Vec<u8>,
    trailer: Option<Trailer>,
}

/// The longest trailer after its prefix (`heap=1 peak=` and a u64, with room to spare).
const MAX_TRAILER_TAIL: usize = 64;

impl StderrFilter {
    pub(crate) fn new(nonce: &str) -> Self {
        StderrFilter {
            prefix: format!("\0CBX {nonce} end ").into_bytes(),
            held: Vec::new(),
            trailer: None,
        }
    }

    pub(crate) fn trailer(&self) -> Option<Trailer> {
        self.trailer
    }

    /// Accepts stderr bytes; answers the ones that belong to the program.
    pub(crate) fn push(&mut self, data: &[u8]) -> Vec<u8> {
        self.held.extend_from_slice(data);
        let mut out = Vec::new();
        loop {
            let Some(nul) = self.held.iter().position(|&b| b == 0) else {
                out.append(&mut self.held);
                return out;
            };
            out.extend(self.held.drain(..nul));
            let n = self.held.len().min(self.prefix.len());
            if self.held[..n] != self.prefix[..n] {
                out.push(self.held.remove(0));
                continue;
            }
            if self.held.len() < self.prefix.len() {
                return out;
            }
            let tail = &self.held[self.prefix.len()..];
            match tail.iter().position(|&b| b == b'\n') {
                Some(end) => match parse_trailer(&tail[..end]) {
                    Some(trailer) => {
                        self.trailer = Some(trailer);
                        let consumed = self.prefix.len() + end + 1;
                        self.held.drain(..consumed);
                    }
                    None => out.push(self.held.remove(0)),
                },
                None if tail.len() > MAX_TRAILER_TAIL => out.push(self.held.remove(0)),
                None => return out,
            }
        }
    }

    /// The bytes still held when the stream ends: they were not a trailer after all.
    pub(crate) fn finish(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.held)
    }
}

fn parse_trailer(tail: &[u8]) -> Option<Trailer> {
    let text = std::str::from_utf8(tail).ok()?;
    let (heap, peak) = text.split_once(' ')?;
    Some(Trailer {
        heap_exhausted: match heap.strip_prefix("heap=")? {
            "0" => false,
            "1" => true,
            _ => return None,
        },
        peak_memory_bytes: peak.strip_prefix("peak=")?.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed_bytewise(filter: &mut StderrFilter, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for b in data {
            out.extend(filter.push(std::slice::from_ref(b)));
        }
        out.extend(filter.finish());
        out
    }

    #[test]
    fn trailer_is_stripped_wherever_the_chunks_split() {
        let stream = b"boom\n\0not ours\0CBX n1 end heap=1 peak=4096\n";
        let mut whole = StderrFilter::new("n1");
        let mut out = whole.push(stream);
        out.extend(whole.finish());
        assert_eq!(out, b"boom\n\0not ours");
        assert_eq!(
            whole.trailer(),
            Some(Trailer {
                heap_exhausted: true,
                peak_memory_bytes: 4096
            })
        );
        let mut split = StderrFilter::new("n1");
        assert_eq!(feed_bytewise(&mut split, stream), b"boom\n\0not ours");
        assert_eq!(split.trailer(), whole.trailer());
    }

    #[test]
    fn a_trailer_with_another_nonce_is_output() {
        let stream = b"\0CBX other end heap=0 peak=1\n";
        let mut filter = StderrFilter::new("n1");
        assert_eq!(feed_bytewise(&mut filter, stream), stream);
        assert_eq!(filter.trailer(), None);
    }

    #[test]
    fn an_unfinished_trailer_is_output_at_the_end() {
        let mut filter = StderrFilter::new("n1");
        assert_eq!(feed_bytewise(&mut filter, b"x\0CBX n1 en"), b"x\0CBX n1 en");
    }

    #[test]
    fn preamble_with_classes_then_output() {
        let mut bundle = 1u32.to_be_bytes().to_vec();
        bundle.extend_from_slice(&10u16.to_be_bytes());
        bundle.extend_from_slice(b"Main.class");
        bundle.extend_from_slice(&3u32.to_be_bytes());
        bundle.extend_from_slice(b"abc");
        let mut stream = format!("\0CBX n1 compiled app.Main {}\n", bundle.len()).into_bytes();
        stream.extend_from_slice(&bundle);
        stream.extend_from_slice(b"hello\n");
        for split in [1, 7, stream.len()] {
            let mut filter = StdoutFilter::new("n1");
            let mut out = Vec::new();
            for chunk in stream.chunks(split) {
                out.extend(filter.push(chunk));
            }
            assert_eq!(out, b"hello\n");
            assert_eq!(
                filter.preamble(),
                Some(&Ok(Preamble::Compiled {
                    main_class: "app.Main".to_owned(),
                    classes: vec![("Main.class".to_owned(), b"abc".to_vec())],
                }))
            );
        }
    }

    #[test]
    fn output_without_a_preamble_is_kept_and_flagged() {
        let mut filter = StdoutFilter::new("n1");
        assert_eq!(filter.push(b"Error: oops\n"), b"Error: oops\n");
        assert!(matches!(filter.preamble(), Some(Err(_))));
    }

    #[test]
    fn request_framing() {
        let files = BTreeMap::from([("Main.java".to_owned(), Bytes::from_static(b"class M{}"))]);
        let request = encode_request("n", &Mode::Compile { entry: "Main.java" }, &files, b"in");
        let mut expected = MAGIC.to_be_bytes().to_vec();
        expected.extend_from_slice(b"\0\x01nC\0\x09Main.java\0\0\0\x01\0\x09Main.java");
        expected.extend_from_slice(b"\0\0\0\x09class M{}\0\0\0\0\0\0\0\x02in");
        assert_eq!(request, expected);
    }
}
