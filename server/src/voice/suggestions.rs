//! What to offer when a command is not understood: the known phrasings closest to the text,
//! so that the speaker hears what they could have said instead.

use super::words::clean_word;

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
pub(super) fn suggest(text: &str) -> Vec<String> {
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
    //! Suggestions are what [`parse`] answers to text it does not understand, so the tests read
    //! them through it.

    use crate::voice::parse;

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
}
