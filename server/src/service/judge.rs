//! Judging a test case: the verdict, the comparison rule ([`Compare`]) and a short diff.
//!
//! By default (`lines`), output is compared after normalising line ends (`\r\n` to `\n`),
//! dropping trailing spaces and tabs on every line, and dropping trailing newlines at the end:
//! `"3 \n"` matches `"3"`, but leading spaces, blank lines in the middle and letter case all
//! count.

use codebox_runtime::{ExecutionResult, Termination};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::model::{LineDiff, Verdict};

/// How a case's output is compared with what was expected (`"compare"` on a request).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) enum Compare {
    /// Byte for byte.
    Exact,
    /// Line by line, ignoring trailing spaces on each line and trailing newlines (the default).
    #[default]
    Lines,
    /// The whitespace-separated tokens, in order: spacing and line breaks do not count.
    Tokens,
    /// The lines as a multiset: their order does not count.
    Unordered,
    /// The tokens in order, numbers equal within either tolerance, everything else exact.
    Float(Tolerance),
    /// A program of the session judges each case: it runs in a sandbox of its own with the
    /// case's `input`, `expected` and `actual` output as files in its working directory; exit
    /// code 0 accepts, a non-zero exit with nothing on stderr rejects, anything else is a
    /// `checker_error`, and its stdout is the message shown. Its verdicts are the service's to
    /// give (see `execute/cases.rs`), since they need a run.
    Checker(String),
}

/// The tolerances of [`Compare::Float`]: two numbers are equal when they differ by at most
/// `absolute`, or by at most `relative` times the expected one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Tolerance {
    #[serde(default)]
    pub(crate) absolute: f64,
    #[serde(default)]
    pub(crate) relative: f64,
}

impl Compare {
    /// Whether `actual` is accepted for `expected` (never, for a checker: see [`Compare::Checker`]).
    pub(crate) fn accepts(&self, actual: &str, expected: &str) -> bool {
        match self {
            Compare::Checker(_) => false,
            Compare::Exact => actual == expected,
            Compare::Lines => normalize(actual) == normalize(expected),
            Compare::Tokens => actual.split_whitespace().eq(expected.split_whitespace()),
            Compare::Unordered => {
                let sorted = |text: &str| {
                    let text = normalize(text);
                    let mut lines: Vec<String> = lines(&text).map(str::to_owned).collect();
                    lines.sort_unstable();
                    lines
                };
                sorted(actual) == sorted(expected)
            }
            Compare::Float(tolerance) => {
                let (mut got, mut wanted) =
                    (actual.split_whitespace(), expected.split_whitespace());
                loop {
                    match (got.next(), wanted.next()) {
                        (None, None) => return true,
                        (Some(g), Some(w)) if tolerance.equal(g, w) => {}
                        _ => return false,
                    }
                }
            }
        }
    }

    /// Checks the values a request gives: tolerances must be finite and not negative.
    pub(crate) fn check(&self) -> Result<(), String> {
        match self {
            Compare::Float(Tolerance { absolute, relative })
                if ![absolute, relative]
                    .iter()
                    .all(|t| t.is_finite() && **t >= 0.0) =>
            {
                Err("compare.float's tolerances must be finite numbers of at least 0".to_owned())
            }
            _ => Ok(()),
        }
    }
}

impl Tolerance {
    /// Whether token `got` stands for `wanted`: both numbers within the tolerances, or the same
    /// text.
    fn equal(self, got: &str, wanted: &str) -> bool {
        match (got.parse::<f64>(), wanted.parse::<f64>()) {
            (Ok(g), Ok(w)) if g.is_finite() && w.is_finite() => self.close(g, w),
            _ => got == wanted,
        }
    }

    /// Whether `got` is within the tolerances of `wanted`.
    pub(crate) fn close(self, got: f64, wanted: f64) -> bool {
        let difference = (got - wanted).abs();
        difference <= self.absolute || difference <= self.relative * wanted.abs()
    }
}

/// The text as compared.
pub(crate) fn normalize(text: &str) -> String {
    let unified = text.replace("\r\n", "\n");
    let lines: Vec<&str> = unified
        .split('\n')
        .map(|l| l.trim_end_matches([' ', '\t']))
        .collect();
    lines.join("\n").trim_end_matches('\n').to_owned()
}

/// How a run did against its expected output, compared as `compare` says.
pub(crate) fn verdict(result: &ExecutionResult, expected: &str, compare: &Compare) -> Verdict {
    match ended(result) {
        Some(verdict) => verdict,
        None if compare.accepts(&result.stdout, expected) => Verdict::Passed,
        None => Verdict::WrongAnswer,
    }
}

/// The verdict that how a run ended gives by itself, or `None` for a program that exited
/// with 0, whose output decides.
pub(crate) fn ended(result: &ExecutionResult) -> Option<Verdict> {
    Some(match result.termination {
        Termination::Timeout | Termination::OutOfFuel => Verdict::Timeout,
        Termination::MemoryLimit => Verdict::MemoryLimit,
        Termination::OutputLimit => Verdict::OutputLimit,
        Termination::Crashed { .. } => Verdict::RuntimeError,
        Termination::Cancelled => Verdict::Cancelled,
        Termination::CompileError => Verdict::CompileError,
        Termination::Exited if result.exit_code != Some(0) => Verdict::RuntimeError,
        Termination::Exited => return None,
    })
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
    fn each_comparison_accepts_and_refuses() {
        let float = |absolute, relative| Compare::Float(Tolerance { absolute, relative });
        let cases: [(Compare, &str, &str, bool); 16] = [
            (Compare::Exact, "3\n", "3\n", true),
            (Compare::Exact, "3 \n", "3\n", false),
            (Compare::Lines, "3 \n\n", "3", true),
            (Compare::Lines, "1 2", "1  2", false),
            (Compare::Tokens, "1  2\n3\n", "1 2 3", true),
            (Compare::Tokens, "1 2", "2 1", false),
            (Compare::Unordered, "b\na\nc\n", "a\nb\nc", true),
            (Compare::Unordered, "a\na\nb", "a\nb\nb", false),
            (float(1e-6, 0.0), "0.3333334 x", "0.333333 x", true),
            (float(1e-9, 0.0), "0.3333334", "0.333333", false),
            (float(0.0, 1e-3), "1000.5", "1000", true),
            (float(0.0, 1e-3), "1002", "1000", false),
            (float(1e-6, 0.0), "1.0 yes", "1 no", false),
            (float(1e-6, 0.0), "1 2", "1", false),
            (float(1e-6, 0.0), "nan", "nan", true),
            (Compare::default(), "x \n", "x", true),
        ];
        for (compare, actual, expected, accepted) in cases {
            assert_eq!(
                compare.accepts(actual, expected),
                accepted,
                "{compare:?} {actual:?} {expected:?}"
            );
        }
        assert!(float(-1.0, 0.0).check().is_err());
        assert!(float(0.0, f64::INFINITY).check().is_err());
        assert!(float(0.5, 0.0).check().is_ok());
    }

    #[test]
    fn comparisons_are_read_from_json() {
        let read = |json: &str| serde_json::from_str::<Compare>(json).unwrap();
        assert_eq!(read(r#""tokens""#), Compare::Tokens);
        assert_eq!(read(r#""unordered""#), Compare::Unordered);
        assert_eq!(
            read(r#"{"float": {"absolute": 0.001, "relative": 0.01}}"#),
            Compare::Float(Tolerance {
                absolute: 0.001,
                relative: 0.01
            })
        );
        assert_eq!(
            read(r#"{"checker": "check.py"}"#),
            Compare::Checker("check.py".into())
        );
        assert!(serde_json::from_str::<Compare>(r#""fuzzy""#).is_err());
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
