//! Judging a test case: the verdict, the comparison rule and a short diff.
//!
//! Output is compared after normalising line ends (`\r\n` to `\n`), dropping trailing spaces and
//! tabs on every line, and dropping trailing newlines at the end: `"3 \n"` matches `"3"`, but
//! leading spaces, blank lines in the middle and letter case all count.

use codebox_runtime::{ExecutionResult, Termination};

use crate::model::Verdict;

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

/// The first differing line, for humans: `line 2: expected "4", got "5"`.
pub(crate) fn diff(actual: &str, expected: &str) -> Option<String> {
    let (actual, expected) = (normalize(actual), normalize(expected));
    if actual == expected {
        return None;
    }
    let shorten = |s: &str| {
        let mut out: String = s.chars().take(120).collect();
        if s.chars().count() > 120 {
            out.push('…');
        }
        out
    };
    let a: Vec<&str> = actual.split('\n').collect();
    let e: Vec<&str> = expected.split('\n').collect();
    for i in 0..a.len().max(e.len()) {
        match (a.get(i), e.get(i)) {
            (Some(x), Some(y)) if x == y => continue,
            (Some(x), Some(y)) => {
                return Some(format!(
                    "line {}: expected {:?}, got {:?}",
                    i + 1,
                    shorten(y),
                    shorten(x)
                ));
            }
            (None, Some(y)) => {
                return Some(format!(
                    "line {}: expected {:?}, got nothing (output ended)",
                    i + 1,
                    shorten(y)
                ));
            }
            (Some(x), None) => {
                return Some(format!(
                    "line {}: expected nothing more, got {:?}",
                    i + 1,
                    shorten(x)
                ));
            }
            (None, None) => break,
        }
    }
    None
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
        assert_eq!(diff("1\n2\n", "1\n2"), None);
        assert_eq!(
            diff("1\n5\n", "1\n4\n").unwrap(),
            "line 2: expected \"4\", got \"5\""
        );
        assert!(diff("1\n", "1\n2\n").unwrap().contains("got nothing"));
        assert!(
            diff("1\n2\n", "1\n")
                .unwrap()
                .contains("expected nothing more")
        );
    }
}
