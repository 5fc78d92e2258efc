//! Judging a test case: the verdict, the comparison rule and a short diff.
//!
//! Output is compared after normalising line ends (`\r\n` to `\n`), dropping trailing spaces and
//! tabs on every line, and dropping trailing newlines at the end: `"3 \n"` matches `"3"`, but
//! leading spaces, blank lines in the middle and letter case all count.

use codebox_runtime::{ExecutionResult, Termination};

use crate::model::{LineDiff, Verdict};

/// The text as compared.
pub(crate) fn normalize(text: &str) -> String {
    let unified = text.replace("\r\n", "\n");
    let lines: Vec<&str> = unified
        .split('\n')
        .map(|l| l.trim_end_matches([' ', '\t']))
        .collect();
    lines.join("\n").trim_end_matches('\n').to_owned()
}

/// How a run did against its expected output.
pub(crate) fn verdict(result: &ExecutionResult, expected: &str) -> Verdict {
    match result.termination {
        Termination::Timeout | Termination::OutOfFuel => Verdict::Timeout,
        Termination::MemoryLimit => Verdict::MemoryLimit,
        Termination::OutputLimit => Verdict::OutputLimit,
        Termination::Crashed { .. } => Verdict::RuntimeError,
        Termination::Cancelled => Verdict::Cancelled,
        Termination::CompileError => Verdict::CompileError,
        Termination::Exited if result.exit_code != Some(0) => Verdict::RuntimeError,
        Termination::Exited if normalize(&result.stdout) == normalize(expected) => Verdict::Passed,
        Termination::Exited => Verdict::WrongAnswer,
    }
}

/// The first line where `actual` differs from `expected` after normalising both, or `None`
/// when they match.
pub(crate) fn diff(actual: &str, expected: &str) -> Option<LineDiff> {
    let (actual, expected) = (normalize(actual), normalize(expected));
    if actual == expected {
        return None;
    }
    // Empty output has no lines at all, not one empty line: "printed nothing" says more than
    // "printed an empty line" (see `lines`).
    let mut got = lines(&actual);
    let mut wanted = lines(&expected);
    for line in 1.. {
        match (wanted.next(), got.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (None, None) => break,
            (expected, got) => {
                return Some(LineDiff {
                    line,
                    expected: expected.map(|e| shorten(e, SHOWN_CHARS)),
                    got: got.map(|g| shorten(g, SHOWN_CHARS)),
                });
            }
        }
    }
    None
}

/// The lines of normalised text; empty text has none.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').filter(move |_| !text.is_empty())
}

/// How much of a differing line a diff keeps.
const SHOWN_CHARS: usize = 120;

/// `text` cut to `max` characters, with `…` when something was cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_whitespace_and_newlines_are_ignored() {
        assert_eq!(normalize("1 2 \r\n3\t\n\n\n"), "1 2\n3");
        assert_eq!(normalize(" lead"), " lead");
        assert_ne!(normalize("a\n\nb"), normalize("a\nb"));
    }

    #[test]
    fn diffs_name_the_first_difference() {
        let text = |actual: &str, expected: &str| diff(actual, expected).unwrap().to_string();
        assert_eq!(diff("1\n2\n", "1\n2"), None);
        assert_eq!(
            diff("1\n5\n", "1\n4\n").unwrap(),
            LineDiff {
                line: 2,
                expected: Some("4".into()),
                got: Some("5".into())
            }
        );
        assert_eq!(
            text("1\n5\n", "1\n4\n"),
            "line 2: expected \"4\", got \"5\""
        );
        assert!(text("1\n", "1\n2\n").contains("got nothing"));
        assert_eq!(
            text("\n", "5"),
            "line 1: expected \"5\", got nothing (output ended)"
        );
        assert_eq!(text("x", ""), "line 1: expected nothing more, got \"x\"");
        assert!(text("1\n2\n", "1\n").contains("expected nothing more"));
    }

    #[test]
    fn long_lines_are_shortened() {
        let long = "x".repeat(200);
        let shown = diff(&long, "y").unwrap().got.unwrap();
        assert_eq!(shown.chars().count(), SHOWN_CHARS + 1);
        assert!(shown.ends_with('…'));
        assert_eq!(shorten("héllo", 2), "hé…");
        assert_eq!(shorten("héllo", 5), "héllo");
    }
}
