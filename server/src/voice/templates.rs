//! The phrasings the voice layer understands, as templates tried in order. A new phrasing is a
//! new template here and a case in its family's test below.

/// Which intent a template gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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
/// `[a|b]` (optionally one of these words), `<path>` (one or more words that form a path, at most 32) and
/// `...` (anything up to the end). Words of [`SOFT`](super::words::SOFT) may come between the
/// elements and at the end. A template word never matches a word followed by a spoken separator
/// such as *dot*: that word belongs to a path.
pub(super) const RULES: &[(Kind, &str)] = &[
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

#[cfg(test)]
mod tests {
    //! The templates are seen through [`parse`], which tries them in order: each test holds the
    //! phrasings of one family and the intent they must give.

    use crate::voice::test_support::{create, delete, read, run, run_last};
    use crate::voice::{Intent, parse};

    #[track_caller]
    fn check(cases: &[(&str, Intent)]) {
        for (text, expected) in cases {
            assert_eq!(parse(text).as_ref(), Ok(expected), "parsing {text:?}");
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
}
