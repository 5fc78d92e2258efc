//! Voice commands: a small deterministic parser from spoken text to an [`Intent`], and short
//! plain-language summaries of results that a voice agent can read aloud.
//!
//! The voice pipeline has already turned speech into text; this module only reads that text.
//! It is pure: no I/O, no randomness, no state. The same text always gives the same answer.
//!
//! # Files
//!
//! - `words.rs`: cuts the text into words and drops the filler around a command.
//! - `templates.rs`: the phrasings understood, as templates tried in order.
//! - `matching.rs`: [`parse`] matches the words against the templates; [`from_structured`]
//!   reads the structured form of a command.
//! - `paths.rs`: which words form a path, [`spoken_path`] that spells them as one, and
//!   [`resolve_file`] that picks the session file it means.
//! - `suggestions.rs`: the known phrasings closest to a command that is not understood.
//! - `summaries.rs`: the sentences read aloud about results.
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
//!
//! [`spoken_path`]: paths::spoken_path

mod matching;
mod paths;
mod suggestions;
mod summaries;
mod templates;
mod words;

use serde::Serialize;

pub(crate) use matching::{from_structured, parse};
pub(crate) use paths::resolve_file;
pub(crate) use summaries::{
    summarize_created, summarize_deleted, summarize_execution, summarize_list, summarize_read,
};

/// What a voice command asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "intent", rename_all = "kebab-case")]
pub(crate) enum Intent {
    /// Runs a file: "run solution dot py", "execute main.js". Without a file ("run it"), the
    /// file that ran last.
    RunFile {
        /// The spoken path (see [`spoken_path`](paths::spoken_path)), or `None` for the file that
        /// ran last.
        file: Option<String>,
    },
    /// Runs the test cases: "run the tests", "test my code".
    RunTests,
    /// Creates an empty file: "create a file called utils slash helper dot py".
    CreateFile {
        /// The spoken path (see [`spoken_path`](paths::spoken_path)).
        path: String,
    },
    /// Reads a file aloud: "read helper.py", "open main dot js".
    ReadFile {
        /// The spoken path (see [`spoken_path`](paths::spoken_path)).
        path: String,
    },
    /// Deletes a file: "delete file x", "remove test dot py".
    DeleteFile {
        /// The spoken path (see [`spoken_path`](paths::spoken_path)).
        path: String,
    },
    /// Lists the session's files: "list files", "what files are there".
    ListFiles,
    /// Tells the last execution's result: "what was the output", "what happened".
    LastOutput,
}

/// Shorthands for the intents and file lists that the tests of several files expect.
#[cfg(test)]
mod test_support {
    use super::Intent;

    pub(super) fn run(file: &str) -> Intent {
        Intent::RunFile {
            file: Some(file.to_owned()),
        }
    }

    pub(super) fn run_last() -> Intent {
        Intent::RunFile { file: None }
    }

    pub(super) fn create(path: &str) -> Intent {
        Intent::CreateFile {
            path: path.to_owned(),
        }
    }

    pub(super) fn read(path: &str) -> Intent {
        Intent::ReadFile {
            path: path.to_owned(),
        }
    }

    pub(super) fn delete(path: &str) -> Intent {
        Intent::DeleteFile {
            path: path.to_owned(),
        }
    }

    pub(super) fn files(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{create, run};
    use super::*;
    use serde_json::json;

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
}
