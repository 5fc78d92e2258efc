//! Files a run wrote, sent back with its result: a request names them with glob patterns
//! relative to the working directory (`out/*.txt`), and the result carries the matching
//! files that the program made or changed, so that a program judged by what it writes to
//! `output.txt` can be judged at all. Both the number of files and their bytes are bounded.

use std::collections::BTreeMap;

use base64::Engine as _;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::tree::{NodeId, Tree};

/// At most this many patterns in one request.
pub const MAX_COLLECT_PATTERNS: usize = 16;
/// At most this many files come back from one run.
pub const MAX_COLLECTED_FILES: usize = 100;
/// At most this many bytes of files, in total, come back from one run.
pub const MAX_COLLECTED_BYTES: u64 = 4 << 20;

/// A file the program wrote, returned because it matched one of the request's patterns
/// ([`RunRequest::collect_files`](crate::RunRequest::collect_files)).
///
/// In JSON: `{"path": "out/a.txt", "content": "...", "encoding": "utf-8"}`, where `content`
/// is the text itself when the bytes are UTF-8 and their base64 otherwise
/// (`"encoding": "base64"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "WireFile", try_from = "WireFile")]
pub struct CollectedFile {
    /// The path relative to the working directory, with `/` (`out/a.txt`).
    pub path: String,
    /// The bytes of the file when the run ended.
    pub content: Bytes,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireFile {
    path: String,
    content: String,
    encoding: Encoding,
}

#[derive(Serialize, Deserialize)]
enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "base64")]
    Base64,
}

impl From<CollectedFile> for WireFile {
    fn from(file: CollectedFile) -> Self {
        let (content, encoding) = match std::str::from_utf8(&file.content) {
            Ok(text) => (text.to_owned(), Encoding::Utf8),
            Err(_) => (
                base64::engine::general_purpose::STANDARD.encode(&file.content),
                Encoding::Base64,
            ),
        };
        WireFile {
            path: file.path,
            content,
            encoding,
        }
    }
}

impl TryFrom<WireFile> for CollectedFile {
    type Error = base64::DecodeError;

    fn try_from(wire: WireFile) -> Result<Self, Self::Error> {
        let content = match wire.encoding {
            Encoding::Utf8 => Bytes::from(wire.content),
            Encoding::Base64 => {
                Bytes::from(base64::engine::general_purpose::STANDARD.decode(wire.content)?)
            }
        };
        Ok(CollectedFile {
            path: wire.path,
            content,
        })
    }
}

/// What a run sends back.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    pub(crate) files: Vec<CollectedFile>,
    /// Matching files were left out to stay within the bounds.
    pub(crate) truncated: bool,
}

/// One segment of a glob pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// `**`: any number of folders, none included.
    AnyDepth,
    /// A name where `*` stands for any run of characters and `?` for one.
    Name(Vec<char>),
}

/// A glob pattern relative to the working directory: `/`-separated segments, in which `*`
/// matches any characters but `/`, `?` one character, and a whole segment `**` any number
/// of folders (`**/*.txt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GlobPattern {
    segments: Vec<Segment>,
}

impl GlobPattern {
    /// Parses `pattern`, answering why it is refused: empty, absolute, with a `.` or `..`
    /// segment, an empty segment, a backslash or a control character, or longer than a path
    /// may be.
    pub(crate) fn parse(pattern: &str) -> Result<GlobPattern, String> {
        let refuse = |why: &str| Err(format!("invalid collect pattern {pattern:?}: {why}"));
        if pattern.is_empty() {
            return refuse("it is empty");
        }
        if pattern.len() > crate::MAX_PATH_BYTES {
            return refuse("it is too long");
        }
        if pattern.starts_with('/') {
            return refuse("it must be relative to the working directory");
        }
        if pattern.chars().any(|c| c.is_control() || c == '\\') {
            return refuse("it contains a control character or a backslash");
        }
        let mut segments = Vec::new();
        for segment in pattern.split('/') {
            segments.push(match segment {
                "" => return refuse("it has an empty segment"),
                "." | ".." => return refuse("it has a `.` or `..` segment"),
                "**" => Segment::AnyDepth,
                name => Segment::Name(name.chars().collect()),
            });
        }
        Ok(GlobPattern { segments })
    }

    /// Whether the relative path made of `names` matches.
    fn matches(&self, names: &[&str]) -> bool {
        // matched[j]: the segments from the current one on match `names[j..]`.
        let mut matched = vec![false; names.len() + 1];
        matched[names.len()] = true;
        for segment in self.segments.iter().rev() {
            let mut next = vec![false; names.len() + 1];
            for j in (0..=names.len()).rev() {
                next[j] = match segment {
                    Segment::AnyDepth => matched[j] || (j < names.len() && next[j + 1]),
                    Segment::Name(glob) => {
                        j < names.len() && matched[j + 1] && name_matches(glob, names[j])
                    }
                };
            }
            matched = next;
        }
        matched[0]
    }
}

/// Whether `name` matches `glob`, with `*` and `?` (greedy with backtracking to the last
/// star: linear in practice, quadratic at worst).
fn name_matches(glob: &[char], name: &str) -> bool {
    let name: Vec<char> = name.chars().collect();
    let (mut g, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match glob.get(g) {
            Some('*') => {
                star = Some((g, n));
                g += 1;
            }
            Some(&c) if c == '?' || c == name[n] => {
                g += 1;
                n += 1;
            }
            _ => match star {
                Some((star_g, star_n)) => {
                    g = star_g + 1;
                    n = star_n + 1;
                    star = Some((star_g, star_n + 1));
                }
                None => return false,
            },
        }
    }
    glob[g..].iter().all(|c| *c == '*')
}

/// The files below folder `work_dir` of `tree` (the request's `work_dir_path`) that match
/// one of `patterns` and differ from the request's own files (`given`), in path order,
/// within [`MAX_COLLECTED_FILES`] and [`MAX_COLLECTED_BYTES`]. Symbolic links are not
/// followed.
pub(crate) fn collect(
    tree: &Tree,
    work_dir: NodeId,
    patterns: &[GlobPattern],
    given: &BTreeMap<String, Bytes>,
    work_dir_path: &str,
) -> Collected {
    let mut collected = Collected::default();
    if patterns.is_empty() {
        return collected;
    }
    let mut matching = BTreeMap::new();
    let mut pending = vec![(work_dir, String::new())];
    while let Some((dir, prefix)) = pending.pop() {
        let Ok(children) = tree.children(dir) else {
            continue;
        };
        for (name, child) in children {
            let path = format!("{prefix}{name}");
            if tree.is_dir(child) {
                pending.push((child, format!("{path}/")));
            } else if !tree.is_symlink(child) {
                let names: Vec<&str> = path.split('/').collect();
                if patterns.iter().any(|p| p.matches(&names)) {
                    matching.insert(path, child);
                }
            }
        }
    }
    let mut bytes = 0u64;
    for (path, node) in matching {
        let Ok(content) = tree.shared_contents(node) else {
            continue;
        };
        let key = if work_dir_path.is_empty() {
            path.clone()
        } else {
            format!("{work_dir_path}/{path}")
        };
        if given.get(&key) == Some(&content) {
            continue;
        }
        if collected.files.len() == MAX_COLLECTED_FILES
            || bytes + content.len() as u64 > MAX_COLLECTED_BYTES
        {
            collected.truncated = true;
            continue;
        }
        bytes += content.len() as u64;
        collected.files.push(CollectedFile { path, content });
    }
    collected
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, path: &str) -> bool {
        let names: Vec<&str> = path.split('/').collect();
        GlobPattern::parse(pattern).unwrap().matches(&names)
    }

    #[test]
    fn globs_match_segment_by_segment() {
        assert!(matches("out/*.txt", "out/a.txt"));
        assert!(!matches("out/*.txt", "out/sub/a.txt"));
        assert!(!matches("out/*.txt", "a.txt"));
        assert!(matches("**/*.txt", "a.txt"));
        assert!(matches("**/*.txt", "x/y/z.txt"));
        assert!(matches("out/**", "out/x/y"));
        assert!(matches("output.txt", "output.txt"));
        assert!(matches("?.c*v", "a.csv"));
        assert!(!matches("?.csv", "ab.csv"));
        assert!(matches("*a*b*c", "xxaxxbxxcxxc"));
    }

    #[test]
    fn bad_patterns_are_refused() {
        for pattern in ["", "/abs", "a/../b", "./a", "a//b", "a\\b", "a\nb"] {
            assert!(GlobPattern::parse(pattern).is_err(), "{pattern:?}");
        }
    }

    #[test]
    fn collected_files_are_text_or_base64_in_json() {
        let text = CollectedFile {
            path: "out.txt".to_owned(),
            content: Bytes::from_static(b"hi\n"),
        };
        let json = serde_json::to_value(&text).unwrap();
        assert_eq!(json["content"], "hi\n");
        assert_eq!(json["encoding"], "utf-8");
        let binary = CollectedFile {
            path: "b.bin".to_owned(),
            content: Bytes::from_static(&[0, 255]),
        };
        let json = serde_json::to_value(&binary).unwrap();
        assert_eq!(json["content"], "AP8=");
        let back: CollectedFile = serde_json::from_value(json).unwrap();
        assert_eq!(back, binary);
    }
}
