//! Reads a command into an [`Intent`]: spoken text by matching its words against the templates,
//! or the structured form by its intent name and args.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde_json::Value;

use super::Intent;
use super::paths::capture_path;
use super::suggestions::suggest;
use super::templates::{Kind, RULES};
use super::words::{SOFT, Token, is_connector_at, strip_preamble, strip_trailing, tokenize};

/// The structured intent names, as in [`Intent`]'s serde tags.
const INTENT_NAMES: &str =
    "run-file, run-tests, create-file, read-file, delete-file, list-files, last-output";

/// The most words a path may have. A spoken path is a few words (`utils slash helper dot py`
/// is five); the bound keeps the matcher's work per position constant, so that matching is
/// linear in the length of the text.
const MAX_PATH_WORDS: usize = 32;

/// The most words of [`SOFT`] skipped in a row between two command words, for the same reason.
const MAX_SOFT_RUN: usize = 8;

/// The templates of [`RULES`], compiled once.
static PATTERNS: LazyLock<Vec<(Kind, Vec<Element<'static>>)>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|(kind, template)| (*kind, compile(template)))
        .collect()
});

/// Parses spoken text into an [`Intent`].
///
/// The phrasings understood are listed in the [voice module's documentation](super). When the
/// text matches none of them, the error holds three known command phrasings, the closest to the
/// text first (by shared words, allowing small misspellings and common synonyms such as *remove*
/// for *delete*); ties keep a fixed order, so the answer is deterministic. Placeholders read
/// `<name>`, as in `"delete file <name>"`.
///
/// The work is linear in the length of the text: each template is matched once per position at
/// most (the results are remembered), and a position looks at most [`MAX_PATH_WORDS`] or
/// [`MAX_SOFT_RUN`] words ahead. Callers still bound the text (the voice service refuses long
/// texts), as a longer text is never a command.
pub(crate) fn parse(text: &str) -> Result<Intent, Vec<String>> {
    parse_counting(text).0
}

/// [`parse`], with the number of steps the matcher took (what its linearity test counts).
fn parse_counting(text: &str) -> (Result<Intent, Vec<String>>, usize) {
    let mut tokens = tokenize(text);
    strip_preamble(&mut tokens);
    strip_trailing(&mut tokens);
    if tokens.is_empty() {
        return (Err(suggest(text)), 0);
    }
    // soft_tail[i]: whether every token from i on is a soft word, so that the end of a template
    // is checked in one step wherever it falls.
    let mut soft_tail = vec![true; tokens.len() + 1];
    for i in (0..tokens.len()).rev() {
        soft_tail[i] = soft_tail[i + 1] && SOFT.contains(&tokens[i].key.as_str());
    }
    let mut steps = tokens.len();
    for (kind, pattern) in PATTERNS.iter() {
        let mut matcher = Matcher {
            pattern,
            tokens: &tokens,
            soft_tail: &soft_tail,
            memo: HashMap::new(),
            steps: 0,
        };
        let found = matcher.at(0, 0);
        steps += matcher.steps;
        if let Some(path) = found {
            let intent = match (kind, path) {
                (Kind::Output, _) => Some(Intent::LastOutput),
                (Kind::List, _) => Some(Intent::ListFiles),
                (Kind::RunTests, _) => Some(Intent::RunTests),
                (Kind::RunLast, _) => Some(Intent::RunFile { file: None }),
                (Kind::RunPath, Some(path)) => Some(Intent::RunFile { file: Some(path) }),
                (Kind::Read, Some(path)) => Some(Intent::ReadFile { path }),
                (Kind::Delete, Some(path)) => Some(Intent::DeleteFile { path }),
                (Kind::Create, Some(path)) => Some(Intent::CreateFile { path }),
                (Kind::RunPath | Kind::Read | Kind::Delete | Kind::Create, None) => None,
            };
            if let Some(intent) = intent {
                return (Ok(intent), steps);
            }
        }
    }
    (Err(suggest(text)), steps)
}

/// Reads the structured form of a command: an intent name as in [`Intent`]'s serde tags
/// (`run-file`, `run-tests`, `create-file`, `read-file`, `delete-file`, `list-files`,
/// `last-output`) and its arguments.
///
/// Names are also accepted in upper case or with underscores (`RUN_FILE`). `run-file` takes an
/// optional `file`; `create-file`, `read-file` and `delete-file` need a `path`; the others take
/// no arguments. `args` may be absent or `null` when nothing is needed. Paths are taken as
/// written (they are not spoken words). The error is a sentence saying what is wrong.
pub(crate) fn from_structured(intent: &str, args: Option<&Value>) -> Result<Intent, String> {
    let name = intent.trim().to_ascii_lowercase().replace('_', "-");
    let expected: &[&str] = match name.as_str() {
        "run-file" => &["file"],
        "create-file" | "read-file" | "delete-file" => &["path"],
        "run-tests" | "list-files" | "last-output" => &[],
        _ => {
            return Err(format!(
                "Unknown intent {intent:?}; expected one of {INTENT_NAMES}."
            ));
        }
    };
    let empty = serde_json::Map::new();
    let args = match args {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(map)) => map,
        Some(_) => return Err(format!("The args of {name} must be an object.")),
    };
    if let Some(unknown) = args.keys().find(|key| !expected.contains(&key.as_str())) {
        return Err(if expected.is_empty() {
            format!("{name} takes no args, but {unknown:?} was given.")
        } else {
            format!(
                "{name} does not take {unknown:?}; its only arg is {:?}.",
                expected.join(", ")
            )
        });
    }
    let string_arg = |key: &str| -> Result<Option<String>, String> {
        match args.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => {
                Err(format!("The {key} of {name} must not be empty."))
            }
            Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
            Some(_) => Err(format!("The {key} of {name} must be a string.")),
        }
    };
    let required_path = || -> Result<String, String> {
        string_arg("path")?.ok_or_else(|| format!("{name} needs args.path, the file's path."))
    };
    Ok(match name.as_str() {
        "run-file" => Intent::RunFile {
            file: string_arg("file")?,
        },
        "create-file" => Intent::CreateFile {
            path: required_path()?,
        },
        "read-file" => Intent::ReadFile {
            path: required_path()?,
        },
        "delete-file" => Intent::DeleteFile {
            path: required_path()?,
        },
        "run-tests" => Intent::RunTests,
        "list-files" => Intent::ListFiles,
        _ => Intent::LastOutput,
    })
}

/// One element of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Element<'a> {
    /// One of these words; optional or not.
    Words(Vec<&'a str>, bool),
    /// One or more words forming a path.
    Path,
    /// Anything up to the end.
    Rest,
}

/// Reads a template (see [`RULES`]).
fn compile(template: &'static str) -> Vec<Element<'static>> {
    template
        .split_whitespace()
        .map(|part| match part {
            "<path>" => Element::Path,
            "..." => Element::Rest,
            _ => match part.strip_prefix('[').and_then(|p| p.strip_suffix(']')) {
                Some(inner) => Element::Words(inner.split('|').collect(), true),
                None => Element::Words(part.split('|').collect(), false),
            },
        })
        .collect()
}

/// One template matched against the words of one text.
struct Matcher<'a> {
    pattern: &'a [Element<'static>],
    tokens: &'a [Token],
    /// Whether every token from an index on is soft (see [`parse_counting`]).
    soft_tail: &'a [bool],
    /// What [`Matcher::at`] answered for `(element, at)`: a template element at a position
    /// matches or not whatever led there, so each pair is worked out once.
    memo: HashMap<(usize, usize), Option<Option<String>>>,
    /// Tokens looked at, for the linearity test.
    steps: usize,
}

impl Matcher<'_> {
    /// Matches `tokens[at..]` against `pattern[element..]`. `None`: no match; `Some(path)`: a
    /// match, with the captured path if the template has one. Optional words are tried taken
    /// first.
    fn at(&mut self, element: usize, at: usize) -> Option<Option<String>> {
        if let Some(known) = self.memo.get(&(element, at)) {
            return known.clone();
        }
        self.steps += 1;
        let found = self.compute(element, at);
        self.memo.insert((element, at), found.clone());
        found
    }

    fn compute(&mut self, element: usize, at: usize) -> Option<Option<String>> {
        let tokens = self.tokens;
        let Some(current) = self.pattern.get(element) else {
            return self.soft_tail[at].then_some(None);
        };
        match current {
            Element::Rest => Some(None),
            Element::Path => {
                let last = element + 1 == self.pattern.len();
                // A path is at most MAX_PATH_WORDS words: the last element takes the rest of
                // the text only when it is that short.
                let ends = if last {
                    tokens.len()..tokens.len() + 1
                } else {
                    at + 1..tokens.len().min(at + MAX_PATH_WORDS) + 1
                };
                for end in ends {
                    if end <= at || end - at > MAX_PATH_WORDS {
                        continue;
                    }
                    self.steps += end - at;
                    let Some(path) = capture_path(&tokens[at..end]) else {
                        continue;
                    };
                    if self.at(element + 1, end).is_some() {
                        return Some(Some(path));
                    }
                }
                None
            }
            Element::Words(words, optional) => {
                let mut j = at;
                while let Some(token) = tokens.get(j) {
                    self.steps += 1;
                    if words.contains(&token.key.as_str())
                        && !is_connector_at(tokens, j + 1)
                        && let Some(found) = self.at(element + 1, j + 1)
                    {
                        return Some(found);
                    }
                    if j - at < MAX_SOFT_RUN
                        && SOFT.contains(&token.key.as_str())
                        && !is_connector_at(tokens, j + 1)
                    {
                        j += 1;
                    } else {
                        break;
                    }
                }
                if *optional {
                    self.at(element + 1, at)
                } else {
                    None
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voice::test_support::{create, delete, read, run, run_last};
    use serde_json::json;

    #[test]
    fn parsing_is_deterministic() {
        for text in [
            "delete everything",
            "run solution dot py",
            "gibberish words",
        ] {
            assert_eq!(parse(text), parse(text));
        }
    }

    /// The matcher's steps grow linearly with the text: on texts shaped to make a backtracking
    /// matcher quadratic or worse (a path that never ends, runs of soft words), four times the
    /// words cost at most four times the steps, plus the same constant.
    #[test]
    fn matching_is_linear_in_the_text() {
        let shapes: [fn(usize) -> String; 5] = [
            |n| format!("what does {}say", "word ".repeat(n)),
            |n| format!("what does {}", "word ".repeat(n)),
            |n| format!("run {}", "the ".repeat(n)),
            |n| "the a ".repeat(n),
            |n| format!("show {}output of it", "the ".repeat(n)),
        ];
        for shape in shapes {
            let steps = |n: usize| parse_counting(&shape(n)).1;
            let (small, large) = (steps(250), steps(1_000));
            assert!(
                large <= 4 * small,
                "{:?}: {small} steps for 250 words, {large} for 1,000",
                shape(2)
            );
        }
    }

    /// The span bounds hold: a path of [`MAX_PATH_WORDS`] words is read, a longer one is not.
    #[test]
    fn paths_are_bounded() {
        let words = |n: usize| vec!["x"; n].join(" dash ");
        // "x dash x ..." with n x's has 2n - 1 words.
        let at_bound = words(MAX_PATH_WORDS.div_ceil(2));
        assert!(parse(&format!("what does {at_bound} say")).is_ok());
        let past = words(MAX_PATH_WORDS / 2 + 1);
        assert!(parse(&format!("what does {past} say")).is_err());
        let soft = |n: usize| format!("run {}tests", "the ".repeat(n));
        assert_eq!(parse(&soft(MAX_SOFT_RUN)), Ok(Intent::RunTests));
        // Past it the words are no longer the tests but a path ("the ... tests").
        assert_ne!(parse(&soft(MAX_SOFT_RUN + 1)), Ok(Intent::RunTests));
    }

    #[test]
    fn structured_forms() {
        let ok = |intent: &str, args: Option<Value>| from_structured(intent, args.as_ref());
        assert_eq!(
            ok("run-file", Some(json!({"file": "solution.py"}))),
            Ok(run("solution.py"))
        );
        assert_eq!(ok("run-file", None), Ok(run_last()));
        assert_eq!(ok("run-file", Some(json!({}))), Ok(run_last()));
        assert_eq!(ok("run-file", Some(json!({"file": null}))), Ok(run_last()));
        assert_eq!(ok("run-tests", None), Ok(Intent::RunTests));
        assert_eq!(ok("RUN_TESTS", Some(Value::Null)), Ok(Intent::RunTests));
        assert_eq!(
            ok("create-file", Some(json!({"path": "utils/helper.py"}))),
            Ok(create("utils/helper.py"))
        );
        assert_eq!(
            ok("read-file", Some(json!({"path": "a.py"}))),
            Ok(read("a.py"))
        );
        assert_eq!(
            ok("delete-file", Some(json!({"path": " a.py "}))),
            Ok(delete("a.py"))
        );
        assert_eq!(ok("list-files", Some(json!({}))), Ok(Intent::ListFiles));
        assert_eq!(ok("last-output", None), Ok(Intent::LastOutput));
    }

    #[test]
    fn structured_errors() {
        let err = |intent: &str, args: Option<Value>| {
            from_structured(intent, args.as_ref()).expect_err("should fail")
        };
        assert!(err("dance", None).contains("Unknown intent \"dance\""));
        assert!(err("dance", None).contains("run-file"));
        assert!(err("read-file", None).contains("needs args.path"));
        assert!(err("delete-file", Some(json!({}))).contains("needs args.path"));
        assert!(err("create-file", Some(json!({"path": 3}))).contains("must be a string"));
        assert!(err("create-file", Some(json!({"path": "  "}))).contains("must not be empty"));
        assert!(err("run-file", Some(json!(["a.py"]))).contains("must be an object"));
        assert!(err("run-file", Some(json!({"path": "a.py"}))).contains("does not take"));
        assert!(err("list-files", Some(json!({"path": "a"}))).contains("takes no args"));
    }
}
