//! Spoken file paths: which words of a command form a path, how they become one
//! (`utils slash helper dot py` is `utils/helper.py`), and which session file it means.

use super::words::{Token, clean_word, connector_symbol, is_connector_at};

/// Turns the words of a spoken path into a file path.
///
/// The rules, applied word by word:
///
/// - *dot*, *period* and *point* are `.`; *slash* and *forward slash* are `/`; *underscore* is
///   `_`; *dash*, *hyphen* and *minus* are `-` (in any case). Nothing is put around them:
///   `utils slash helper dot py` is `utils/helper.py`.
/// - Right after a spoken *dot*, a few extension words are spelled as extensions: *python*,
///   *pie* and *pi* are `py`; *javascript* is `js`; *jason* is `json`; *text* is `txt`. A word
///   in capitals of at most four letters right after a spoken *dot* is lowercased (`dot PY` is
///   `.py`), as speech recognisers capitalise spelled extensions.
/// - Single letters are spelled letters: consecutive ones join into one lowercase word
///   (`dot j s` is `.js`).
/// - Number words from *zero* to *twenty* right after a name word become digits joined to it
///   (`test one dot py` is `test1.py`, `day two part one` is `day2_part1`); anywhere else (at the
///   start, after *dash*, *underscore*, *slash* or *dot*) they stay words (`test dash one dot
///   py` is `test-one.py`, `one dot py` is `one.py`). Digits join the word before them
///   (`test 1` is `test1`).
/// - Two name words in a row are joined with `_` (`binary search dot py` is
///   `binary_search.py`), since a path has no spaces.
/// - Anything already written as a path passes through (`helper.py`, `utils/helper.py`);
///   sentence punctuation around a word is dropped. Words keep their case: the path is
///   lowercase unless the text has capitals.
pub(crate) fn spoken_path(words: &str) -> String {
    let tokens: Vec<String> = words.split_whitespace().filter_map(clean_word).collect();
    let mut out = String::new();
    let mut prev = Prev::Start;
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let key = token.to_lowercase();
        i += 1;
        if key == "forward"
            && tokens
                .get(i)
                .is_some_and(|next| next.eq_ignore_ascii_case("slash"))
        {
            continue;
        }
        if let Some(symbol) = connector_symbol(&key) {
            out.push(symbol);
            prev = Prev::Connector(symbol);
            continue;
        }
        let after_dot = prev == Prev::Connector('.');
        if after_dot && let Some(extension) = extension_alias(&key) {
            out.push_str(extension);
            prev = Prev::Word;
            continue;
        }
        let is_letter = token.chars().count() == 1 && token.chars().all(char::is_alphabetic);
        let after_name = matches!(prev, Prev::Word | Prev::Number | Prev::Letters);
        if let Some(digits) = number_word(&key).filter(|_| after_name) {
            out.push_str(digits);
            prev = Prev::Number;
        } else if !token.is_empty() && token.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(token);
            prev = Prev::Number;
        } else if is_letter {
            if matches!(prev, Prev::Word | Prev::Number) {
                out.push('_');
            }
            out.push_str(&key);
            prev = Prev::Letters;
        } else {
            let starts_alphanumeric = token.chars().next().is_some_and(char::is_alphanumeric);
            if after_name && starts_alphanumeric {
                out.push('_');
            }
            let is_caps = token.chars().all(|c| c.is_ascii_uppercase());
            if after_dot && is_caps && token.len() <= 4 {
                out.push_str(&key);
            } else {
                out.push_str(token);
            }
            prev = match token.chars().last() {
                Some(c) if c.is_alphanumeric() => Prev::Word,
                Some(c) => Prev::Connector(c),
                None => prev,
            };
        }
    }
    out
}

/// What [`spoken_path`] last wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Nothing yet.
    Start,
    /// A separator (`.`, `/`, `_`, `-`), spoken or written.
    Connector(char),
    /// A name word.
    Word,
    /// Digits.
    Number,
    /// Spelled letters.
    Letters,
}

/// The extension a spoken word after *dot* stands for.
fn extension_alias(key: &str) -> Option<&'static str> {
    match key {
        "python" | "pie" | "pi" => Some("py"),
        "javascript" => Some("js"),
        "jason" => Some("json"),
        "text" => Some("txt"),
        _ => None,
    }
}

/// The digits of a number word from zero to twenty.
fn number_word(key: &str) -> Option<&'static str> {
    const NUMBERS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const DIGITS: [&str; 21] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
        "17", "18", "19", "20",
    ];
    NUMBERS
        .iter()
        .position(|n| *n == key)
        .and_then(|i| DIGITS.get(i).copied())
}

/// Skipped before a path: articles and words that describe the file.
const PATH_LEADING: &[&str] = &[
    "the",
    "a",
    "an",
    "my",
    "me",
    "file",
    "new",
    "empty",
    "blank",
    "python",
    "python3",
    "javascript",
    "node",
    "called",
    "named",
];

/// Words that alone never make a path.
const NOT_A_PATH: &[&str] = &[
    "everything",
    "all",
    "anything",
    "something",
    "nothing",
    "it",
    "this",
    "that",
    "them",
    "those",
    "these",
    "file",
    "files",
    "stuff",
    "folder",
    "directory",
    "code",
    "program",
    "one",
    "everyone",
    "else",
    "the",
    "a",
    "an",
    "my",
    "new",
    "called",
    "named",
    "there",
    "here",
];

/// Turns the words a template captured as a path into a path, or `None` when they are no path.
pub(super) fn capture_path(tokens: &[Token]) -> Option<String> {
    let mut words = tokens;
    // Two commands at once ("make coffee and delete nothing") are not understood.
    if words
        .iter()
        .any(|t| ["and", "then", "or", "but"].contains(&t.key.as_str()))
    {
        return None;
    }
    // "a python file called x": what follows "called" or "named" is the name.
    if let Some(at) = (0..words.len()).find(|&i| {
        (words[i].key == "called" || words[i].key == "named")
            && i + 1 < words.len()
            && !is_connector_at(words, i + 1)
            && (i == 0 || !is_connector_at(words, i - 1))
    }) {
        words = &words[at + 1..];
        while words.len() > 1
            && ["the", "a", "an"].contains(&words[0].key.as_str())
            && !is_connector_at(words, 1)
        {
            words = &words[1..];
        }
    } else {
        while words.len() > 1
            && PATH_LEADING.contains(&words[0].key.as_str())
            && !is_connector_at(words, 1)
        {
            words = &words[1..];
        }
    }
    while words.len() > 1
        && words[words.len() - 1].key == "file"
        && !is_connector_at(words, words.len() - 2)
    {
        words = &words[..words.len() - 1];
    }
    if words.iter().all(|t| NOT_A_PATH.contains(&t.key.as_str())) {
        return None;
    }
    let raw: Vec<&str> = words.iter().map(|t| t.raw.as_str()).collect();
    let path = spoken_path(&raw.join(" "));
    (!path.is_empty()).then_some(path)
}

/// Picks the session file a spoken path means, or `None` when no file or several files match.
///
/// The tiers, loosest last; the first tier that matches anything decides (one match is the
/// answer, several are ambiguous):
///
/// 1. the exact path;
/// 2. the file name ignoring folders: `helper.py` means `utils/helper.py` (a spoken path with
///    folders must match the end of the file's path, folder by folder);
/// 3. the same ignoring extensions: `solution` means `solution.py`;
/// 4. tiers 1 to 3 again ignoring case (`Solution.PY` means `solution.py`);
/// 5. tiers 2 and 3 ignoring case, `_`, `-` and spaces (`two_sum.js` means `twoSum.js`).
///
/// A leading `/` or `./` of the spoken path is ignored.
pub(crate) fn resolve_file(spoken: &str, files: &[String]) -> Option<String> {
    let spoken = spoken.trim();
    let spoken = spoken.strip_prefix("./").unwrap_or(spoken);
    let spoken = spoken.trim_start_matches('/');
    if spoken.is_empty() {
        return None;
    }
    let folds: [fn(&str) -> String; 3] = [str::to_owned, str::to_lowercase, |s: &str| {
        s.to_lowercase().replace(['_', '-', ' '], "")
    }];
    for (level, fold) in folds.iter().enumerate() {
        let wanted = fold(spoken);
        let wanted_stem = fold(strip_extension(spoken));
        let tiers: [&dyn Fn(&str) -> bool; 3] = [
            &|file: &str| fold(file) == wanted,
            &|file: &str| ends_with_segments(&fold(file), &wanted),
            &|file: &str| ends_with_segments(&fold(strip_extension(file)), &wanted_stem),
        ];
        // The separator-insensitive level skips the exact tier: it is the name tier there.
        let first = if level == 2 { 1 } else { 0 };
        for tier in &tiers[first..] {
            let mut matches: Vec<&String> = files.iter().filter(|file| tier(file)).collect();
            matches.dedup();
            match matches.as_slice() {
                [] => continue,
                [one] => return Some((*one).clone()),
                _ => return None,
            }
        }
    }
    None
}

/// Whether `path` is `tail` or ends with `/` and `tail`.
fn ends_with_segments(path: &str, tail: &str) -> bool {
    path == tail
        || path
            .strip_suffix(tail)
            .is_some_and(|head| head.ends_with('/'))
}

/// The path without the extension of its last segment (`utils/helper.py` -> `utils/helper`);
/// a leading dot (`.gitignore`) is no extension.
fn strip_extension(path: &str) -> &str {
    let name_start = path.rfind('/').map_or(0, |slash| slash + 1);
    match path[name_start..].rfind('.') {
        Some(dot) if dot > 0 => &path[..name_start + dot],
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voice::test_support::files;
    use crate::voice::{Intent, parse};

    #[test]
    fn spoken_paths() {
        let cases = [
            ("utils slash helper dot py", "utils/helper.py"),
            ("my underscore file dot j s", "my_file.js"),
            ("test dash one dot py", "test-one.py"),
            ("test hyphen two dot py", "test-two.py"),
            ("helper.py", "helper.py"),
            ("utils/helper.py", "utils/helper.py"),
            ("test one dot py", "test1.py"),
            ("test 1 dot py", "test1.py"),
            ("day two part one dot py", "day2_part1.py"),
            ("one dot py", "one.py"),
            ("two sum dot py", "two_sum.py"),
            ("binary search dot py", "binary_search.py"),
            ("src forward slash main dot js", "src/main.js"),
            ("solution period py", "solution.py"),
            ("solution dot pie", "solution.py"),
            ("main dot javascript", "main.js"),
            ("data dot jason", "data.json"),
            ("notes dot text", "notes.txt"),
            ("Solution Dot PY", "Solution.py"),
            ("main dot J S", "main.js"),
            ("README dot MD", "README.md"),
            ("Main.java", "Main.java"),
            ("a b c dot py", "abc.py"),
            ("file a dot py", "file_a.py"),
            ("dot gitignore", ".gitignore"),
            ("utils / helper.py", "utils/helper.py"),
            ("\"helper.py\",", "helper.py"),
            ("", ""),
        ];
        for (words, expected) in cases {
            assert_eq!(spoken_path(words), expected, "spoken path {words:?}");
        }
    }

    #[test]
    fn resolving_files() {
        let session = files(&[
            "solution.py",
            "utils/helper.py",
            "main.js",
            "lib/main.py",
            "twoSum.js",
            "a/dup.py",
            "b/dup.py",
        ]);
        let resolve = |s: &str| resolve_file(s, &session);
        assert_eq!(resolve("solution.py").as_deref(), Some("solution.py"));
        assert_eq!(resolve("helper.py").as_deref(), Some("utils/helper.py"));
        assert_eq!(resolve("solution").as_deref(), Some("solution.py"));
        assert_eq!(resolve("helper").as_deref(), Some("utils/helper.py"));
        assert_eq!(resolve("utils/helper").as_deref(), Some("utils/helper.py"));
        assert_eq!(resolve("/solution.py").as_deref(), Some("solution.py"));
        assert_eq!(resolve("./main.js").as_deref(), Some("main.js"));
        // Exact beats the looser tiers.
        assert_eq!(resolve("main.js").as_deref(), Some("main.js"));
        assert_eq!(resolve("main.py").as_deref(), Some("lib/main.py"));
        // Case and separators.
        assert_eq!(resolve("Solution.PY").as_deref(), Some("solution.py"));
        assert_eq!(resolve("two_sum.js").as_deref(), Some("twoSum.js"));
        // Ambiguous or absent.
        assert_eq!(resolve("main"), None);
        assert_eq!(resolve("dup.py"), None);
        assert_eq!(resolve("a/dup.py").as_deref(), Some("a/dup.py"));
        assert_eq!(resolve("nothing.py"), None);
        assert_eq!(resolve("other/helper.py"), None);
        assert_eq!(resolve(""), None);
        assert_eq!(resolve_file("solution.py", &[]), None);
    }

    #[test]
    fn parsed_paths_resolve() {
        let session = files(&["solution.py", "utils/helper.py"]);
        let Ok(Intent::ReadFile { path }) = parse("read helper dot py") else {
            panic!("not a read");
        };
        assert_eq!(
            resolve_file(&path, &session).as_deref(),
            Some("utils/helper.py")
        );
        let Ok(Intent::RunFile { file: Some(file) }) = parse("Run Solution.") else {
            panic!("not a run");
        };
        assert_eq!(
            resolve_file(&file, &session).as_deref(),
            Some("solution.py")
        );
    }
}
