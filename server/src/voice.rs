//! Voice commands: a small deterministic parser from spoken text to an [`Intent`], and short
//! plain-language summaries of results that a voice agent can read aloud.
//!
//! The voice pipeline has already turned speech into text; this module only reads that text.
//! It is pure: no I/O, no randomness, no state. The same text always gives the same answer.
//!
//! # How text is read
//!
//! The text is split into words. Sentence punctuation around a word is dropped
//! (`"Run solution.py!"` reads as `run solution.py`), case is ignored for the command words,
//! and common contractions are expanded (`what's` reads as `what is`, `let's` as `let us`).
//! Before the command, filler such as *um*, *uh*, *okay*, *so*, *hey*, *please*, *can you*,
//! *could you*, *would you*, *I want to*, *let's*, *go ahead and*, *just* and *tell me* is
//! skipped. At the end, *please*, *now*, *again*, *thanks*, *thank you*, *for me*, *for us* and
//! *right now* are skipped. Inside a command, *the*, *a*, *an*, *my*, *me*, *all*, *our*,
//! *your*, *its* and *most* may appear anywhere between the command words.
//!
//! # Phrasing families
//!
//! The families are tried in this order; the first that matches the whole text wins.
//!
//! - **Last output** ([`Intent::LastOutput`]): *what was the output*, *what's the result*,
//!   *what were the errors*, *show the last result*, *show me the output*, *read the output*,
//!   *show the last run*, *last output*, *output*, *what happened*, *what just happened*,
//!   *what did it print* (or *output*, *say*, *return*, *do*), *how did it go*, *did it pass*
//!   (or *work*, *succeed*, *fail*, *crash*).
//! - **List files** ([`Intent::ListFiles`]): *list files*, *list all my files*, *list*, *ls*,
//!   *list the files in the session*, *show files*, *show me the files*, *show the file list*,
//!   *files*, *what files are there* (anything may follow *what files* or *which files*),
//!   *what are the files*, *what's in the project* (or *session*, *workspace*, *folder*,
//!   *directory*, *here*), *how many files*, *what do I have*.
//! - **Read a file** ([`Intent::ReadFile`]): *read*, *open*, *show*, *display*, *view*, *cat*,
//!   *print*, *see*, *inspect* or *load*, optionally followed by *file*, *contents*, *content*,
//!   *code* or *source* and *of*, *in* or *for*, then the path (*read helper.py*, *open main dot
//!   js*, *show me the file utils/helper.py*, *show me the contents of helper.py*); also *look
//!   at* a path, *what's in* a path, and *what does* a path *say* (or *contain*, *have*).
//! - **Delete a file** ([`Intent::DeleteFile`]): *delete*, *remove*, *erase*, *rm*, *del*,
//!   *trash*, *discard* or *drop*, optionally *file*, then the path (*delete file x*, *remove
//!   test dot py*); also *get rid of* a path.
//! - **Create a file** ([`Intent::CreateFile`]): *create*, *make*, *add*, *touch*, *new* or
//!   *start*, optionally *new*, *empty* or *blank*, *file*, *called* or *named*, then the path
//!   (*create a file called utils slash helper dot py*, *new file helper dot py*, *make me a
//!   python file named x dot py*).
//! - **Run the tests** ([`Intent::RunTests`]): *run the tests* (or *run*, *execute*, *exec*,
//!   *rerun*, *launch*, *do* with *tests*, *test*, *testcases*, *checks*, *test cases*, *test
//!   suite*, *unit tests*), optionally followed by *on* or *against* *it*, *the code*, *my
//!   solution*; *test my code* (or *test it*, *this*, *that*, *the solution*, *the program*,
//!   *everything*); *test* alone.
//! - **Run the last file** ([`Intent::RunFile`] without a file): *run*, *run it*, *run this*,
//!   *run that*, *run my code*, *run the program*, *run it again*, *rerun*, *try it*, *run the
//!   last file*, *run the same one*.
//! - **Run a file** ([`Intent::RunFile`] with a file): *run*, *execute*, *exec*, *rerun*,
//!   *launch* or *try*, optionally *file*, then the path (*run solution dot py*, *execute
//!   main.js*, *run python solution.py*); also the command-line form *python solution.py*,
//!   *node main.js*.
//!
//! A path that is only a pronoun or a vague word (*it*, *this*, *everything*, *all*, *files*,
//! *code*, ...) is not a path: *delete everything* and *read it* are not understood. Neither is
//! a path with *and*, *then*, *or* or *but* in it: one command at a time. Before a path, *the*,
//! *a*, *my*, *file*, *new*, *empty*, *python*, *javascript* and *node* are skipped, and after
//! *called* or *named* only what follows counts; a final *file* is skipped too. A word followed
//! by a spoken separator (*dot*, *slash*, ...) always belongs to the path: *run file dot py* runs
//! `file.py`. Text that matches no family is answered with the three known phrasings closest to
//! it (see [`parse`]).
//!
//! # Spoken paths
//!
//! [`spoken_path`] turns the words of a path into a file path (`utils slash helper dot py` is
//! `utils/helper.py`); [`resolve_file`] then picks the session file it most likely means.
//!
//! # Summaries
//!
//! [`summarize_execution`], [`summarize_created`], [`summarize_deleted`], [`summarize_read`] and
//! [`summarize_list`] each answer one or two short sentences in plain language.

use serde::Serialize;
use serde_json::Value;

use crate::model::{ExecutionRecord, Termination, TestCaseResult, Verdict};

/// What a voice command asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "intent", rename_all = "kebab-case")]
pub(crate) enum Intent {
    /// Runs a file: "run solution dot py", "execute main.js". Without a file ("run it"), the
    /// file that ran last.
    RunFile {
        /// The spoken path (see [`spoken_path`]), or `None` for the file that ran last.
        file: Option<String>,
    },
    /// Runs the test cases: "run the tests", "test my code".
    RunTests,
    /// Creates an empty file: "create a file called utils slash helper dot py".
    CreateFile {
        /// The spoken path (see [`spoken_path`]).
        path: String,
    },
    /// Reads a file aloud: "read helper.py", "open main dot js".
    ReadFile {
        /// The spoken path (see [`spoken_path`]).
        path: String,
    },
    /// Deletes a file: "delete file x", "remove test dot py".
    DeleteFile {
        /// The spoken path (see [`spoken_path`]).
        path: String,
    },
    /// Lists the session's files: "list files", "what files are there".
    ListFiles,
    /// Tells the last execution's result: "what was the output", "what happened".
    LastOutput,
}

/// The structured intent names, as in [`Intent`]'s serde tags.
const INTENT_NAMES: &str =
    "run-file, run-tests, create-file, read-file, delete-file, list-files, last-output";

/// Parses spoken text into an [`Intent`].
///
/// The phrasings understood are listed in the module documentation. When the text matches none
/// of them, the error holds three known command phrasings, the closest to the text first (by
/// shared words, allowing small misspellings and common synonyms such as *remove* for
/// *delete*); ties keep a fixed order, so the answer is deterministic. Placeholders read
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

/// One sentence (two at most) a voice agent can read aloud about an execution.
///
/// With test cases: `All 3 tests passed.`, `The test passed.`, or how many passed and what the
/// first failing case did: `2 of 3 tests passed; test 3 expected 5 but got 4.` (the first
/// differing line, with `on line N` when it is not the first), `test 2 timed out`, `test 2 ran
/// out of memory`, `test 2 printed too much output`, `test 2 failed with <the error line>`,
/// `test 2 was cancelled`.
///
/// Without: how the run ended and what it printed, such as `solution.py ran and exited with
/// code 0. It printed 2 lines; the first is "42".`, `solution.py ran and exited with code 1. It
/// failed with ZeroDivisionError: division by zero.` (the error line is the last line of stderr
/// that is not a stack frame), `solution.py was stopped after the 30 second time limit.` (the
/// measured wall time, whole seconds rounded down, or milliseconds below a second), or that it
/// used up its computation budget, reached the memory limit, printed too much, crashed, or was
/// cancelled.
pub(crate) fn summarize_execution(record: &ExecutionRecord) -> String {
    let file = &record.file_name;
    if record.termination != Termination::Cancelled
        && let Some(results) = record.test_results.as_deref().filter(|r| !r.is_empty())
    {
        return summarize_tests(results);
    }
    let printed = || describe_output(&record.output);
    let printed_if_any = || {
        if record.output.trim().is_empty() {
            String::new()
        } else {
            format!(" {}", describe_output(&record.output))
        }
    };
    match record.termination {
        Termination::Exited => match record.exit_code {
            Some(0) | None => format!("{file} ran and exited with code 0. {}", printed()),
            Some(code) => match error_line(&record.errors) {
                Some(error) => {
                    format!("{file} ran and exited with code {code}. It failed with {error}.")
                }
                None => format!("{file} ran and exited with code {code}. {}", printed()),
            },
        },
        Termination::Timeout => format!(
            "{file} was stopped after the {} time limit.{}",
            duration_words(record.execution_time),
            printed_if_any()
        ),
        Termination::OutOfFuel => format!(
            "{file} was stopped because it used up its computation budget, which usually means \
             an endless loop.{}",
            printed_if_any()
        ),
        Termination::MemoryLimit => format!(
            "{file} was stopped because it reached the memory limit.{}",
            printed_if_any()
        ),
        Termination::OutputLimit => {
            format!("{file} was stopped because it printed more output than allowed.")
        }
        Termination::CompileError => match compile_error_line(&record.errors) {
            Some(error) => format!("{file} did not compile: {error}."),
            None => format!("{file} did not compile."),
        },
        Termination::Crashed => match record
            .crash_reason
            .as_deref()
            .and_then(|reason| reason.lines().map(str::trim).find(|l| !l.is_empty()))
        {
            Some(reason) => format!(
                "The interpreter crashed while running {file}: {}.",
                shorten(reason.trim_end_matches('.'), 120)
            ),
            None => format!("The interpreter crashed while running {file}."),
        },
        Termination::Cancelled => format!("The run of {file} was cancelled before it finished."),
    }
}

/// The test-case sentence of [`summarize_execution`].
fn summarize_tests(results: &[TestCaseResult]) -> String {
    let total = results.len();
    let passed = results.iter().filter(|r| r.passed).count();
    let Some(failed) = results.iter().find(|r| !r.passed) else {
        return if total == 1 {
            "The test passed.".to_owned()
        } else {
            format!("All {total} tests passed.")
        };
    };
    let head = match (passed, total) {
        (_, 1) => "The test failed".to_owned(),
        (0, _) => format!("None of the {total} tests passed"),
        _ => format!("{passed} of {total} tests passed"),
    };
    format!("{head}; {}.", describe_failure(failed))
}

/// What a failing test case did: `test 3 expected 5 but got 4`.
fn describe_failure(case: &TestCaseResult) -> String {
    let n = case.index + 1;
    match case.verdict {
        Verdict::Passed => format!("test {n} passed"),
        Verdict::Timeout => format!("test {n} timed out"),
        Verdict::MemoryLimit => format!("test {n} ran out of memory"),
        Verdict::OutputLimit => format!("test {n} printed too much output"),
        Verdict::Cancelled => format!("test {n} was cancelled"),
        Verdict::CompileError => match compile_error_line(&case.errors) {
            Some(error) => format!("test {n} did not compile: {error}"),
            None => format!("test {n} did not compile"),
        },
        Verdict::RuntimeError => match (error_line(&case.errors), case.exit_code) {
            (Some(error), _) => format!("test {n} failed with {error}"),
            (None, Some(code)) => format!("test {n} failed with exit code {code}"),
            (None, None) => format!("test {n} failed"),
        },
        Verdict::WrongAnswer => match case.diff.as_deref() {
            None => format!("test {n} gave a wrong answer"),
            Some(diff) => match parse_diff(diff) {
                Some(d) => describe_diff(n, &d),
                None => format!("test {n} gave a wrong answer: {}", shorten(diff, 120)),
            },
        },
    }
}

/// A parsed `judge::diff` line.
#[derive(Debug, PartialEq, Eq)]
struct Diff {
    /// The line number, from 1.
    line: usize,
    /// The expected line, `None` when nothing more was expected.
    expected: Option<String>,
    /// The printed line, `None` when the output ended.
    got: Option<String>,
}

/// Reads back the judge's diff: `line 2: expected "4", got "5"`, `line 2: expected "4", got
/// nothing (output ended)` or `line 2: expected nothing more, got "5"`.
fn parse_diff(diff: &str) -> Option<Diff> {
    let rest = diff.strip_prefix("line ")?;
    let (number, rest) = rest.split_once(": expected ")?;
    let line = number.parse().ok()?;
    let (expected, rest) = match rest.strip_prefix("nothing more") {
        Some(rest) => (None, rest),
        None => {
            let (text, rest) = read_quoted(rest)?;
            (Some(text), rest)
        }
    };
    let rest = rest.strip_prefix(", got ")?;
    let got = if rest.starts_with("nothing") {
        None
    } else {
        let (text, rest) = read_quoted(rest)?;
        if !rest.is_empty() {
            return None;
        }
        Some(text)
    };
    Some(Diff {
        line,
        expected,
        got,
    })
}

/// Reads a string written with Rust's `{:?}` at the start of `s`; answers it and the rest.
fn read_quoted(s: &str) -> Option<(String, &str)> {
    let mut chars = s.strip_prefix('"')?.char_indices();
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &s[i + 2..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                'u' => {
                    let mut hex = String::new();
                    for (_, h) in chars.by_ref() {
                        match h {
                            '{' => {}
                            '}' => break,
                            h => hex.push(h),
                        }
                    }
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// `test 3 expected 5 but got 4`, from a parsed diff.
fn describe_diff(n: usize, diff: &Diff) -> String {
    let say = |line: &str| {
        if line.trim().is_empty() {
            "an empty line".to_owned()
        } else {
            shorten(line, 80)
        }
    };
    let on_line = if diff.line > 1 {
        format!(" on line {}", diff.line)
    } else {
        String::new()
    };
    match (&diff.expected, &diff.got) {
        (Some(expected), Some(got)) => format!(
            "test {n} expected {} but got {}{on_line}",
            say(expected),
            say(got)
        ),
        (Some(expected), None) if diff.line == 1 => {
            format!("test {n} expected {} but printed nothing", say(expected))
        }
        (Some(expected), None) => format!(
            "test {n} expected {}{on_line} but its output ended",
            say(expected)
        ),
        (None, Some(got)) => format!("test {n} expected nothing{on_line} but got {}", say(got)),
        (None, None) => format!("test {n} gave a wrong answer"),
    }
}

/// `It printed 2 lines; the first is "42".`
fn describe_output(stdout: &str) -> String {
    let text = stdout.replace("\r\n", "\n");
    let text = text.trim_end_matches(['\n', ' ', '\t']);
    if text.trim().is_empty() {
        return "It printed nothing.".to_owned();
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let first = lines.first().map_or("", |line| line.trim_end());
    let quoted = if first.is_empty() {
        "blank".to_owned()
    } else {
        format!("\"{}\"", shorten(first, 80))
    };
    if lines.len() == 1 {
        format!("It printed one line: {quoted}.")
    } else {
        format!("It printed {} lines; the first is {quoted}.", lines.len())
    }
}

/// The line of stderr that names the error: the last non-blank line that is not a stack frame
/// (`    at f (main.js:3:5)`), without a final full stop.
fn error_line(stderr: &str) -> Option<String> {
    let is_frame = |line: &str| {
        line.starts_with([' ', '\t']) && line.trim_start().starts_with("at ")
            || line.starts_with("Node.js v")
    };
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    let line = lines
        .iter()
        .rev()
        .find(|line| !is_frame(line))
        .or_else(|| lines.last())?;
    Some(shorten(line.trim().trim_end_matches('.'), 120))
}

/// The compiler's first error, as javac words it: `Main.java:3: error: ';' expected`.
fn compile_error_line(stderr: &str) -> Option<String> {
    let line = stderr.lines().find(|line| line.contains(": error: "))?;
    Some(shorten(line.trim(), 120))
}

/// `30 second` for 30 400 ms, `500 millisecond` for 503 ms (tens of milliseconds, rounded
/// down); `time limit` wording is the caller's.
fn duration_words(milliseconds: f64) -> String {
    if !milliseconds.is_finite() || milliseconds < 10.0 {
        "set".to_owned()
    } else if milliseconds >= 1000.0 {
        format!("{} second", (milliseconds / 1000.0).floor() as u64)
    } else {
        format!("{} millisecond", (milliseconds / 10.0).floor() as u64 * 10)
    }
}

/// The first `max` characters of `s`, with `…` when it was longer.
fn shorten(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

/// `Created utils/helper.py.`
pub(crate) fn summarize_created(path: &str) -> String {
    format!("Created {path}.")
}

/// `Deleted test.py.`
pub(crate) fn summarize_deleted(path: &str) -> String {
    format!("Deleted {path}.")
}

/// `helper.py has 12 lines.` (`has 1 line`, `is empty`). A final line without a newline counts.
pub(crate) fn summarize_read(path: &str, content: &str) -> String {
    match content.lines().count() {
        0 => format!("{path} is empty."),
        1 => format!("{path} has 1 line."),
        n => format!("{path} has {n} lines."),
    }
}

/// How many names [`summarize_list`] reads out.
const LISTED_NAMES: usize = 10;

/// `There are 3 files: a.py, b.py and c.py.`, `There is 1 file: a.py.`, `There are no files
/// yet.`; past ten files, the first ten and how many more.
pub(crate) fn summarize_list(paths: &[String]) -> String {
    match paths {
        [] => "There are no files yet.".to_owned(),
        [one] => format!("There is 1 file: {one}."),
        _ if paths.len() > LISTED_NAMES => format!(
            "There are {} files: {} and {} more.",
            paths.len(),
            paths[..LISTED_NAMES].join(", "),
            paths.len() - LISTED_NAMES
        ),
        [init @ .., last] => format!(
            "There are {} files: {} and {last}.",
            paths.len(),
            init.join(", ")
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Words.

/// One word of the text: as written (punctuation around it dropped) and its lowercase key.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    /// The word as written.
    raw: String,
    /// Lowercase, without apostrophes: what command words are compared with.
    key: String,
}

/// Drops sentence punctuation around a word; `None` when nothing is left. A lone `.`, `/`, `-`
/// or `_` is kept (a written separator).
fn clean_word(word: &str) -> Option<String> {
    const LEADING: &[char] = &['"', '\'', '(', '[', '{', '¿', '¡', '“', '‘', '«', ',', '…'];
    const TRAILING: &[char] = &[
        '"', '\'', ')', ']', '}', '.', ',', '!', '?', ';', ':', '…', '”', '’', '»',
    ];
    let cleaned = word.trim_start_matches(LEADING).trim_end_matches(TRAILING);
    if !cleaned.is_empty() {
        Some(cleaned.to_owned())
    } else if matches!(word, "." | "/" | "-" | "_") {
        Some(word.to_owned())
    } else {
        None
    }
}

/// Splits text into tokens, expanding the common contractions.
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for word in text.split_whitespace() {
        let Some(raw) = clean_word(word) else {
            continue;
        };
        let lower = raw.to_lowercase().replace('’', "'");
        let expanded: Option<&[&str]> = match lower.as_str() {
            "what's" => Some(&["what", "is"]),
            "that's" => Some(&["that", "is"]),
            "it's" => Some(&["it", "is"]),
            "let's" => Some(&["let", "us"]),
            "i'd" => Some(&["i", "would"]),
            "where's" => Some(&["where", "is"]),
            "how's" => Some(&["how", "is"]),
            "i'm" => Some(&["i", "am"]),
            _ => None,
        };
        match expanded {
            Some(words) => tokens.extend(words.iter().map(|w| Token {
                raw: (*w).to_owned(),
                key: (*w).to_owned(),
            })),
            None => {
                let key = lower.replace('\'', "");
                tokens.push(Token { raw, key });
            }
        }
    }
    tokens
}

/// The symbol a spoken separator stands for.
fn connector_symbol(key: &str) -> Option<char> {
    match key {
        "dot" | "period" | "point" | "." => Some('.'),
        "slash" | "/" => Some('/'),
        "underscore" | "_" => Some('_'),
        "dash" | "hyphen" | "minus" | "-" => Some('-'),
        _ => None,
    }
}

/// Whether the token at `i` is a spoken separator (*forward* counts before *slash*).
fn is_connector_at(tokens: &[Token], i: usize) -> bool {
    match tokens.get(i) {
        Some(t) if t.key == "forward" => tokens.get(i + 1).is_some_and(|n| n.key == "slash"),
        Some(t) => connector_symbol(&t.key).is_some(),
        None => false,
    }
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

/// Filler skipped before the command.
const PREAMBLE: &[&str] = &[
    "um", "umm", "uh", "uhh", "er", "erm", "hmm", "hm", "ah", "oh", "ok", "okay", "so", "hey",
    "hi", "well", "alright", "right", "now", "then", "please", "kindly", "can", "could", "would",
    "will", "you", "i", "we", "want", "wanna", "to", "like", "let", "us", "lets", "go", "ahead",
    "and", "just", "also", "need", "id", "tell", "me", "yes", "yeah", "actually", "maybe",
    "codebox",
];

/// Filler skipped at the end, alone.
const TRAILING_WORDS: &[&str] = &["please", "now", "again", "thanks", "ok", "okay", "quickly"];

/// Filler skipped at the end, in pairs.
const TRAILING_PAIRS: &[[&str; 2]] = &[
    ["for", "me"],
    ["for", "us"],
    ["thank", "you"],
    ["right", "now"],
    ["right", "away"],
];

/// Words that may appear anywhere between command words.
const SOFT: &[&str] = &[
    "the", "a", "an", "my", "me", "all", "our", "your", "its", "most",
];

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

/// Drops the filler before the command.
fn strip_preamble(tokens: &mut Vec<Token>) {
    let skip = tokens
        .iter()
        .take_while(|t| PREAMBLE.contains(&t.key.as_str()))
        .count();
    tokens.drain(..skip);
}

/// Drops the filler after the command (never a word that follows a spoken separator).
fn strip_trailing(tokens: &mut Vec<Token>) {
    loop {
        let n = tokens.len();
        let after_connector = |count: usize| n > count && is_connector_at(tokens, n - count - 1);
        if n >= 2
            && TRAILING_PAIRS
                .iter()
                .any(|[a, b]| tokens[n - 2].key == *a && tokens[n - 1].key == *b)
            && !after_connector(2)
        {
            tokens.truncate(n - 2);
        } else if n >= 1
            && TRAILING_WORDS.contains(&tokens[n - 1].key.as_str())
            && !after_connector(1)
        {
            tokens.truncate(n - 1);
        } else {
            return;
        }
    }
}

/// Turns the words a template captured as a path into a path, or `None` when they are no path.
fn capture_path(tokens: &[Token]) -> Option<String> {
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

// ---------------------------------------------------------------------------------------------
// Templates.

/// Which intent a template gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Output,
    List,
    Read,
    Delete,
    Create,
    RunTests,
    RunLast,
    RunPath,
}

/// The phrasings, tried in order. A template is a sequence of: `a|b` (one of these words),
/// `[a|b]` (optionally one of these words), `<path>` (one or more words that form a path) and
/// `...` (anything up to the end). Words of [`SOFT`] may come between the elements and at the
/// end. A template word never matches a word followed by a spoken separator such as *dot*:
/// that word belongs to a path.
const RULES: &[(Kind, &str)] = &[
    (
        Kind::Output,
        "what|which is|was|were [last|latest|previous|recent] [test|run|execution|program] \
         output|outputs|result|results|error|errors|printout [of|from|for] \
         [last|latest|previous|that|this] [run|execution|program|test|tests|code]",
    ),
    (
        Kind::Output,
        "show|display|view|get|give|read|print|repeat|see [last|latest|previous|recent] \
         [test|run|execution|program] output|outputs|result|results|error|errors|printout \
         [of|from|for] [last|latest|previous|that|this] [run|execution|program|test|tests|code]",
    ),
    (
        Kind::Output,
        "show|display|view|get|give|read|repeat|see last|latest|previous|recent \
         run|execution|test|tests",
    ),
    (
        Kind::Output,
        "[last|latest|previous|recent] [test|run|execution] \
         output|outputs|result|results|error|errors|printout",
    ),
    (
        Kind::Output,
        "what [just] happened [last|then|there|before]",
    ),
    (
        Kind::Output,
        "what did|does [it|that|this|program|code|script|solution] \
         print|output|say|return|show|do|produce",
    ),
    (
        Kind::Output,
        "how did [it|that|this|program|code|run|test|tests] go|do|work",
    ),
    (
        Kind::Output,
        "did [it|that|this|program|code|solution] pass|work|succeed|fail|crash|run [tests|test]",
    ),
    (
        Kind::List,
        "list|ls|dir [files|file|filenames|everything] [in|on|of] \
         [session|project|workspace|folder|directory|here]",
    ),
    (
        Kind::List,
        "show|display|view|get|see|print|give|read files|filenames [in|on|of] \
         [session|project|workspace|folder|directory|here]",
    ),
    (
        Kind::List,
        "show|display|view|get|see|print|give|read file list|listing|names|tree",
    ),
    (
        Kind::List,
        "files|filenames [in|on|of] [session|project|workspace|folder|directory|here]",
    ),
    (Kind::List, "what|which files ..."),
    (Kind::List, "what|which are|is files|filenames ..."),
    (
        Kind::List,
        "what is in|inside session|project|workspace|folder|directory|here|there",
    ),
    (Kind::List, "how many files ..."),
    (Kind::List, "what do i|we have [here]"),
    (
        Kind::Read,
        "read|open|show|display|view|cat|print|see|inspect|load [up|out] \
         [file|contents|content|code|source] [of|in|for] <path>",
    ),
    (Kind::Read, "look at|into|in [file] <path>"),
    (Kind::Read, "what is in|inside [file] <path>"),
    (Kind::Read, "what does [file] <path> say|contain|have"),
    (
        Kind::Delete,
        "delete|remove|erase|rm|del|trash|discard|drop [file] <path>",
    ),
    (Kind::Delete, "get rid of [file] <path>"),
    (
        Kind::Create,
        "create|make|add|touch|new|start [new|empty|blank] [file] <path>",
    ),
    (
        Kind::RunTests,
        "run|execute|exec|rerun|launch|do [unit] tests|test|testcases|checks \
         [on|against] [it|this|code|solution|program]",
    ),
    (
        Kind::RunTests,
        "run|execute|exec|rerun|launch|do [unit] test|tests cases|suite \
         [on|against] [it|this|code|solution|program]",
    ),
    (
        Kind::RunTests,
        "test|tests [it|this|that|code|solution|program|script|everything]",
    ),
    (
        Kind::RunLast,
        "run|execute|exec|rerun|launch|try [it|this|that|code|program|script]",
    ),
    (
        Kind::RunLast,
        "run|execute|exec|rerun|launch|try last|previous|same|current \
         [file|one|thing|program|code|script]",
    ),
    (
        Kind::RunPath,
        "run|execute|exec|rerun|launch|try [file] <path>",
    ),
    (Kind::RunPath, "python|python3|node <path>"),
];

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

// ---------------------------------------------------------------------------------------------
// Suggestions.

/// The phrasings offered when a command is not understood; ties keep this order.
const SUGGESTIONS: &[&str] = &[
    "run <name>",
    "run the tests",
    "list files",
    "what was the output",
    "create a file called <name>",
    "read <name>",
    "delete file <name>",
    "run it again",
    "test my code",
    "open <name>",
    "what files are there",
    "show the last result",
    "what happened",
];

/// How many suggestions an unrecognised command gets.
const SUGGESTION_COUNT: usize = 3;

/// The known phrasings closest to `text`, best first.
fn suggest(text: &str) -> Vec<String> {
    let input = similarity_words(text);
    let mut scored: Vec<(f64, usize)> = SUGGESTIONS
        .iter()
        .enumerate()
        .map(|(i, s)| (similarity(&similarity_words(s), &input), i))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .iter()
        .take(SUGGESTION_COUNT)
        .filter_map(|&(_, i)| SUGGESTIONS.get(i).map(|s| (*s).to_owned()))
        .collect()
}

/// The words similarity counts: lowercase, synonyms folded, plurals dropped, filler ignored.
fn similarity_words(text: &str) -> Vec<String> {
    const IGNORED: &[&str] = &[
        "the", "a", "an", "my", "me", "please", "can", "could", "would", "you", "um", "uh", "er",
        "for", "now", "to", "i", "of", "called", "named", "<name>",
    ];
    text.split_whitespace()
        .filter_map(clean_word)
        .map(|w| w.to_lowercase().replace(['\'', '’'], ""))
        .filter(|w| !IGNORED.contains(&w.as_str()))
        .map(|w| {
            let folded = match w.as_str() {
                "execute" | "exec" | "rerun" | "launch" | "try" => "run",
                "remove" | "erase" | "rm" | "del" | "trash" | "discard" | "drop" => "delete",
                "make" | "add" | "new" | "touch" => "create",
                "ls" | "dir" => "list",
                "display" | "view" | "see" => "show",
                "cat" => "read",
                "whats" => "what",
                other => other,
            };
            match folded.strip_suffix('s') {
                Some(stem) if folded.len() > 3 => stem.to_owned(),
                _ => folded.to_owned(),
            }
        })
        .collect()
}

/// A Dice coefficient over words, where a word nearly equal to another counts partly.
fn similarity(candidate: &[String], input: &[String]) -> f64 {
    if candidate.is_empty() || input.is_empty() {
        return 0.0;
    }
    let shared: f64 = candidate
        .iter()
        .map(|c| {
            input
                .iter()
                .map(|w| word_similarity(c, w))
                .fold(0.0, f64::max)
        })
        .sum();
    2.0 * shared / (candidate.len() + input.len()) as f64
}

/// 1 for equal words, 0.8 when one starts the other, 0.7 for one edit (two for long words).
fn word_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 3 && long.starts_with(short) {
        return 0.8;
    }
    let allowed = if long.chars().count() >= 6 { 2 } else { 1 };
    if short.chars().count() >= 2 && edit_distance(a, b) <= allowed {
        0.7
    } else {
        0.0
    }
}

/// The Levenshtein distance between two words.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use codebox_runtime::Language;
    use serde_json::json;

    fn run(file: &str) -> Intent {
        Intent::RunFile {
            file: Some(file.to_owned()),
        }
    }

    fn run_last() -> Intent {
        Intent::RunFile { file: None }
    }

    fn create(path: &str) -> Intent {
        Intent::CreateFile {
            path: path.to_owned(),
        }
    }

    fn read(path: &str) -> Intent {
        Intent::ReadFile {
            path: path.to_owned(),
        }
    }

    fn delete(path: &str) -> Intent {
        Intent::DeleteFile {
            path: path.to_owned(),
        }
    }

    #[track_caller]
    fn check(cases: &[(&str, Intent)]) {
        for (text, expected) in cases {
            assert_eq!(parse(text).as_ref(), Ok(expected), "parsing {text:?}");
        }
    }

    #[track_caller]
    fn unrecognized(text: &str) -> Vec<String> {
        match parse(text) {
            Ok(intent) => panic!("{text:?} should not be understood, but was {intent:?}"),
            Err(suggestions) => {
                assert_eq!(suggestions.len(), 3, "{text:?}: {suggestions:?}");
                suggestions
            }
        }
    }

    #[test]
    fn run_file_phrasings() {
        check(&[
            ("run solution dot py", run("solution.py")),
            ("execute main.js", run("main.js")),
            ("Run solution.py!", run("solution.py")),
            ("run solution.py.", run("solution.py")),
            (
                "um can you please run solution dot py for me",
                run("solution.py"),
            ),
            ("could you run the file main dot js please", run("main.js")),
            ("run python solution.py", run("solution.py")),
            ("python solution dot py", run("solution.py")),
            ("node main dot js", run("main.js")),
            ("run utils slash helper dot py", run("utils/helper.py")),
            ("run solution", run("solution")),
            ("run solution dot py again", run("solution.py")),
            ("Let's run test one dot py", run("test1.py")),
            ("run the test dot py", run("test.py")),
            ("run a dot py", run("a.py")),
            ("run file dot py", run("file.py")),
            ("run code dot py", run("code.py")),
            ("rerun main dot j s", run("main.js")),
        ]);
    }

    #[test]
    fn run_last_phrasings() {
        check(&[
            ("run it", run_last()),
            ("run", run_last()),
            ("Run it again.", run_last()),
            ("rerun", run_last()),
            ("run my code", run_last()),
            ("please run the program now", run_last()),
            ("run that", run_last()),
            ("try it", run_last()),
            ("run the last file", run_last()),
            ("run the same one again", run_last()),
            ("okay go ahead and run it right now", run_last()),
        ]);
    }

    #[test]
    fn run_tests_phrasings() {
        check(&[
            ("run the tests", Intent::RunTests),
            ("Run the tests.", Intent::RunTests),
            ("test my code", Intent::RunTests),
            ("run all the tests", Intent::RunTests),
            ("run the test cases", Intent::RunTests),
            ("execute the unit tests", Intent::RunTests),
            ("run the tests on my solution", Intent::RunTests),
            ("test it", Intent::RunTests),
            ("test", Intent::RunTests),
            ("can you test my solution please", Intent::RunTests),
            ("rerun the tests", Intent::RunTests),
        ]);
    }

    #[test]
    fn create_phrasings() {
        check(&[
            (
                "create a file called utils slash helper dot py",
                create("utils/helper.py"),
            ),
            ("create helper dot py", create("helper.py")),
            ("new file helper dot py", create("helper.py")),
            ("make a new file named notes dot txt", create("notes.txt")),
            (
                "make me a python file called two sum dot py",
                create("two_sum.py"),
            ),
            (
                "create a file called my underscore file dot j s",
                create("my_file.js"),
            ),
            ("create a file called my file dot py", create("my_file.py")),
            ("add a file called a dot py", create("a.py")),
            ("create file dot py", create("file.py")),
            (
                "Create a file called Utils/Helper.py.",
                create("Utils/Helper.py"),
            ),
        ]);
    }

    #[test]
    fn read_phrasings() {
        check(&[
            ("read helper.py", read("helper.py")),
            ("open main dot js", read("main.js")),
            ("show me the file utils/helper.py", read("utils/helper.py")),
            ("show me the contents of helper dot py", read("helper.py")),
            ("what's in helper dot py", read("helper.py")),
            ("what is inside the file main.js", read("main.js")),
            ("look at solution dot py", read("solution.py")),
            ("cat utils slash helper dot py", read("utils/helper.py")),
            ("what does helper dot py say", read("helper.py")),
            ("open main dot js file", read("main.js")),
        ]);
    }

    #[test]
    fn delete_phrasings() {
        check(&[
            ("delete file x", delete("x")),
            ("remove test dot py", delete("test.py")),
            ("delete the file old dot py", delete("old.py")),
            ("please erase scratch dot js", delete("scratch.js")),
            ("get rid of notes dot txt", delete("notes.txt")),
            ("rm utils/helper.py", delete("utils/helper.py")),
        ]);
    }

    #[test]
    fn list_phrasings() {
        check(&[
            ("list files", Intent::ListFiles),
            ("List the files.", Intent::ListFiles),
            ("list all my files", Intent::ListFiles),
            ("list", Intent::ListFiles),
            ("ls", Intent::ListFiles),
            ("what files are there", Intent::ListFiles),
            ("What files do I have?", Intent::ListFiles),
            ("show files", Intent::ListFiles),
            ("show me the files", Intent::ListFiles),
            ("show the file list", Intent::ListFiles),
            ("files", Intent::ListFiles),
            ("what are the files", Intent::ListFiles),
            ("what's in the project", Intent::ListFiles),
            ("how many files are there", Intent::ListFiles),
            ("list the files in the session please", Intent::ListFiles),
        ]);
    }

    #[test]
    fn last_output_phrasings() {
        check(&[
            ("what was the output", Intent::LastOutput),
            ("What's the output?", Intent::LastOutput),
            ("show the last result", Intent::LastOutput),
            ("what happened", Intent::LastOutput),
            ("what just happened", Intent::LastOutput),
            ("what did it print", Intent::LastOutput),
            ("show me the output", Intent::LastOutput),
            ("read the output", Intent::LastOutput),
            ("tell me the output", Intent::LastOutput),
            ("what were the errors", Intent::LastOutput),
            ("show the last run", Intent::LastOutput),
            ("how did it go", Intent::LastOutput),
            ("did it pass", Intent::LastOutput),
            ("output", Intent::LastOutput),
            ("show the test results", Intent::LastOutput),
            ("what was the output of the last run", Intent::LastOutput),
        ]);
    }

    #[test]
    fn near_misses_are_not_understood() {
        let suggestions = unrecognized("delete everything");
        assert_eq!(suggestions[0], "delete file <name>");
        let suggestions = unrecognized("remove all the files");
        assert!(suggestions.contains(&"delete file <name>".to_owned()));
        let suggestions = unrecognized("lst fils");
        assert_eq!(suggestions[0], "list files");
        let suggestions = unrecognized("create a new file");
        assert_eq!(suggestions[0], "create a file called <name>");
        let suggestions = unrecognized("read it");
        assert!(suggestions.contains(&"read <name>".to_owned()));
        let suggestions = unrecognized("what's the weather");
        assert!(suggestions.contains(&"what was the output".to_owned()));
        unrecognized("open");
        unrecognized("make coffee and delete nothing");
        unrecognized("tell me a joke");
        unrecognized("hello there");
    }

    #[test]
    fn empty_text_gets_the_default_suggestions() {
        assert_eq!(
            parse(""),
            Err(vec![
                "run <name>".to_owned(),
                "run the tests".to_owned(),
                "list files".to_owned()
            ])
        );
        assert_eq!(parse("um, please."), parse(""));
    }

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
    fn intents_serialize_with_their_tags() {
        assert_eq!(
            serde_json::to_value(run("a.py")).unwrap(),
            json!({"intent": "run-file", "file": "a.py"})
        );
        assert_eq!(
            serde_json::to_value(Intent::ListFiles).unwrap(),
            json!({"intent": "list-files"})
        );
        assert_eq!(
            serde_json::to_value(create("b.py")).unwrap(),
            json!({"intent": "create-file", "path": "b.py"})
        );
    }

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

    fn files(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
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

    fn record(
        termination: &str,
        exit_code: Option<i32>,
        output: &str,
        errors: &str,
    ) -> ExecutionRecord {
        ExecutionRecord {
            execution_id: "e".into(),
            session_id: "s".into(),
            file_name: "solution.py".into(),
            language: Language::Python,
            created_at: crate::model::now(),
            success: exit_code == Some(0),
            output: output.into(),
            errors: errors.into(),
            exit_code,
            execution_time: 120.0,
            termination: termination.into(),
            crash_reason: None,
            fuel_consumed: 1,
            peak_memory_bytes: 1,
            stdout_truncated: false,
            stderr_truncated: false,
            test_results: None,
            test_cases: None,
        }
    }

    fn case(index: usize, verdict: Verdict, diff: Option<&str>, errors: &str) -> TestCaseResult {
        TestCaseResult {
            index,
            passed: verdict == Verdict::Passed,
            verdict,
            execution_time: 10.0,
            output: String::new(),
            errors: errors.into(),
            exit_code: Some(0),
            diff: diff.map(str::to_owned),
        }
    }

    #[test]
    fn summaries_of_plain_runs() {
        let r = record("exited", Some(0), "42\n7\n", "");
        assert_eq!(
            summarize_execution(&r),
            "solution.py ran and exited with code 0. It printed 2 lines; the first is \"42\"."
        );
        let r = record("exited", Some(0), "hello\r\n", "");
        assert_eq!(
            summarize_execution(&r),
            "solution.py ran and exited with code 0. It printed one line: \"hello\"."
        );
        let r = record("exited", Some(0), "", "");
        assert_eq!(
            summarize_execution(&r),
            "solution.py ran and exited with code 0. It printed nothing."
        );
        let traceback = "Traceback (most recent call last):\n  File \"/workspace/solution.py\", \
                         line 1, in <module>\n    1/0\nZeroDivisionError: division by zero\n";
        let r = record("exited", Some(1), "", traceback);
        assert_eq!(
            summarize_execution(&r),
            "solution.py ran and exited with code 1. It failed with ZeroDivisionError: division \
             by zero."
        );
        let node = "/workspace/main.js:3\n  throw new Error('bad input');\n  ^\n\nError: bad \
                    input\n    at parse (/workspace/main.js:3:9)\n    at main (/workspace/main.js:5:1)\n";
        let r = record("exited", Some(1), "", node);
        assert!(summarize_execution(&r).ends_with("It failed with Error: bad input."));
        let r = record("exited", Some(3), "partial\n", "");
        assert_eq!(
            summarize_execution(&r),
            "solution.py ran and exited with code 3. It printed one line: \"partial\"."
        );
    }

    #[test]
    fn summaries_of_stopped_runs() {
        let mut r = record("timeout", None, "", "");
        r.execution_time = 30_012.5;
        assert_eq!(
            summarize_execution(&r),
            "solution.py was stopped after the 30 second time limit."
        );
        r.execution_time = 503.0;
        r.output = "tick\ntick\n".into();
        assert_eq!(
            summarize_execution(&r),
            "solution.py was stopped after the 500 millisecond time limit. It printed 2 lines; \
             the first is \"tick\"."
        );
        let r = record("outOfFuel", None, "", "");
        assert!(summarize_execution(&r).contains("used up its computation budget"));
        let r = record("memoryLimit", Some(1), "", "MemoryError\n");
        assert_eq!(
            summarize_execution(&r),
            "solution.py was stopped because it reached the memory limit."
        );
        let r = record("outputLimit", None, "y\ny\n", "");
        assert_eq!(
            summarize_execution(&r),
            "solution.py was stopped because it printed more output than allowed."
        );
        let mut r = record("crashed", None, "", "");
        assert_eq!(
            summarize_execution(&r),
            "The interpreter crashed while running solution.py."
        );
        r.crash_reason = Some("wasm trap: unreachable\nbacktrace...".into());
        assert_eq!(
            summarize_execution(&r),
            "The interpreter crashed while running solution.py: wasm trap: unreachable."
        );
        let r = record("cancelled", None, "", "");
        assert_eq!(
            summarize_execution(&r),
            "The run of solution.py was cancelled before it finished."
        );
    }

    #[test]
    fn summaries_of_test_runs() {
        let with = |cases: Vec<TestCaseResult>| {
            let mut r = record("exited", Some(0), "", "");
            r.test_results = Some(cases);
            summarize_execution(&r)
        };
        assert_eq!(
            with(vec![
                case(0, Verdict::Passed, None, ""),
                case(1, Verdict::Passed, None, ""),
                case(2, Verdict::Passed, None, ""),
            ]),
            "All 3 tests passed."
        );
        assert_eq!(
            with(vec![case(0, Verdict::Passed, None, "")]),
            "The test passed."
        );
        assert_eq!(
            with(vec![
                case(0, Verdict::Passed, None, ""),
                case(1, Verdict::Passed, None, ""),
                case(
                    2,
                    Verdict::WrongAnswer,
                    Some("line 1: expected \"5\", got \"4\""),
                    ""
                ),
            ]),
            "2 of 3 tests passed; test 3 expected 5 but got 4."
        );
        assert_eq!(
            with(vec![
                case(0, Verdict::Passed, None, ""),
                case(
                    1,
                    Verdict::WrongAnswer,
                    Some("line 2: expected \"a \\\"b\\\"\", got \"\""),
                    ""
                ),
            ]),
            "1 of 2 tests passed; test 2 expected a \"b\" but got an empty line on line 2."
        );
        assert_eq!(
            with(vec![
                case(0, Verdict::Passed, None, ""),
                case(1, Verdict::Timeout, None, ""),
                case(2, Verdict::WrongAnswer, None, ""),
            ]),
            "1 of 3 tests passed; test 2 timed out."
        );
        assert_eq!(
            with(vec![
                case(
                    0,
                    Verdict::RuntimeError,
                    None,
                    "Traceback...\nValueError: bad\n"
                ),
                case(1, Verdict::Passed, None, ""),
            ]),
            "1 of 2 tests passed; test 1 failed with ValueError: bad."
        );
        assert_eq!(
            with(vec![
                case(
                    0,
                    Verdict::WrongAnswer,
                    Some("line 1: expected \"5\", got nothing (output ended)"),
                    ""
                ),
                case(1, Verdict::MemoryLimit, None, ""),
            ]),
            "None of the 2 tests passed; test 1 expected 5 but printed nothing."
        );
        assert_eq!(
            with(vec![case(
                0,
                Verdict::WrongAnswer,
                Some("line 3: expected nothing more, got \"extra\""),
                ""
            )]),
            "The test failed; test 1 expected nothing on line 3 but got extra."
        );
        assert_eq!(
            with(vec![case(
                0,
                Verdict::WrongAnswer,
                Some("line 2: expected \"7\", got nothing (output ended)"),
                ""
            )]),
            "The test failed; test 1 expected 7 on line 2 but its output ended."
        );
        assert_eq!(
            with(vec![case(0, Verdict::OutputLimit, None, "")]),
            "The test failed; test 1 printed too much output."
        );
        assert_eq!(
            with(vec![case(0, Verdict::MemoryLimit, None, "")]),
            "The test failed; test 1 ran out of memory."
        );
        let mut silent = case(0, Verdict::RuntimeError, None, "");
        silent.exit_code = Some(2);
        assert_eq!(
            with(vec![silent]),
            "The test failed; test 1 failed with exit code 2."
        );
        assert_eq!(
            with(vec![case(0, Verdict::WrongAnswer, Some("odd diff"), "")]),
            "The test failed; test 1 gave a wrong answer: odd diff."
        );
    }

    #[test]
    fn diffs_from_the_judge_read_back() {
        for (actual, expected) in [
            ("1\n5\n", "1\n4\n"),
            ("", "x"),
            ("1\n2", "1"),
            ("\"q\\\n", "é\t"),
        ] {
            let diff = crate::judge::diff(actual, expected).expect("a difference");
            assert!(parse_diff(&diff).is_some(), "could not read {diff:?}");
        }
        assert_eq!(
            parse_diff("line 1: expected \"\\u{1b}x\", got \"y\""),
            Some(Diff {
                line: 1,
                expected: Some("\u{1b}x".into()),
                got: Some("y".into())
            })
        );
    }

    #[test]
    fn file_summaries() {
        assert_eq!(
            summarize_created("utils/helper.py"),
            "Created utils/helper.py."
        );
        assert_eq!(summarize_deleted("test.py"), "Deleted test.py.");
        let twelve = "x\n".repeat(12);
        assert_eq!(
            summarize_read("helper.py", &twelve),
            "helper.py has 12 lines."
        );
        assert_eq!(summarize_read("a.py", "print(1)"), "a.py has 1 line.");
        assert_eq!(summarize_read("a.py", ""), "a.py is empty.");
        assert_eq!(summarize_list(&[]), "There are no files yet.");
        assert_eq!(summarize_list(&files(&["a.py"])), "There is 1 file: a.py.");
        assert_eq!(
            summarize_list(&files(&["a.py", "b.py", "c.py"])),
            "There are 3 files: a.py, b.py and c.py."
        );
        let many: Vec<String> = (0..12).map(|i| format!("f{i}.py")).collect();
        assert_eq!(
            summarize_list(&many),
            "There are 12 files: f0.py, f1.py, f2.py, f3.py, f4.py, f5.py, f6.py, f7.py, f8.py, \
             f9.py and 2 more."
        );
    }
}
