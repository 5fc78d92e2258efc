//! Reads a command into an [`Intent`]: spoken text by matching its words against the templates,
//! or the structured form by its intent name and args.

use serde_json::Value;

use super::Intent;
use super::paths::capture_path;
use super::suggestions::suggest;
use super::templates::{Kind, RULES};
use super::words::{SOFT, Token, is_connector_at, strip_preamble, strip_trailing, tokenize};

/// The structured intent names, as in [`Intent`]'s serde tags.
const INTENT_NAMES: &str =
    "run-file, run-tests, create-file, read-file, delete-file, list-files, last-output";

/// Parses spoken text into an [`Intent`].
///
/// The phrasings understood are listed in the [voice module's documentation](super). When the
/// text matches none of them, the error holds three known command phrasings, the closest to the
/// text first (by shared words, allowing small misspellings and common synonyms such as *remove*
/// for *delete*); ties keep a fixed order, so the answer is deterministic. Placeholders read
/// `<name>`, as in `"delete file <name>"`.
pub(crate) fn parse(text: &str) -> Result<Intent, Vec<String>> {
    let mut tokens = tokenize(text);
    strip_preamble(&mut tokens);
    strip_trailing(&mut tokens);
    if tokens.is_empty() {
        return Err(suggest(text));
    }
    for (kind, template) in RULES {
        let pattern = compile(template);
        if let Some(path) = match_pattern(&pattern, 0, &tokens, 0) {
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
                return Ok(intent);
            }
        }
    }
    Err(suggest(text))
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
fn compile(template: &str) -> Vec<Element<'_>> {
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

/// Matches `tokens[at..]` against `pattern[element..]`. `None`: no match; `Some(path)`: a match,
/// with the captured path if the template has one. Optional words are tried taken first.
fn match_pattern(
    pattern: &[Element<'_>],
    element: usize,
    tokens: &[Token],
    at: usize,
) -> Option<Option<String>> {
    let Some(current) = pattern.get(element) else {
        let rest_is_soft = tokens[at..].iter().all(|t| SOFT.contains(&t.key.as_str()));
        return rest_is_soft.then_some(None);
    };
    match current {
        Element::Rest => Some(None),
        Element::Path => {
            let last = element + 1 == pattern.len();
            let ends: Vec<usize> = if last {
                vec![tokens.len()]
            } else {
                (at + 1..=tokens.len()).collect()
            };
            for end in ends {
                if end <= at {
                    continue;
                }
                let Some(path) = capture_path(&tokens[at..end]) else {
                    continue;
                };
                if match_pattern(pattern, element + 1, tokens, end).is_some() {
                    return Some(Some(path));
                }
            }
            None
        }
        Element::Words(words, optional) => {
            let mut j = at;
            while let Some(token) = tokens.get(j) {
                if words.contains(&token.key.as_str())
                    && !is_connector_at(tokens, j + 1)
                    && let Some(found) = match_pattern(pattern, element + 1, tokens, j + 1)
                {
                    return Some(found);
                }
                if SOFT.contains(&token.key.as_str()) && !is_connector_at(tokens, j + 1) {
                    j += 1;
                } else {
                    break;
                }
            }
            if *optional {
                match_pattern(pattern, element + 1, tokens, at)
            } else {
                None
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
