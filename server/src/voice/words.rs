//! How the text of a command is cut into words: the punctuation and contractions around
//! them, the filler skipped before and after a command, and the spoken separators (*dot*,
//! *slash*, ...) that bind words into a path. The matcher and the spoken paths both read the
//! words made here.

/// One word of the text: as written (punctuation around it dropped) and its lowercase key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    /// The word as written.
    pub(super) raw: String,
    /// Lowercase, without apostrophes: what command words are compared with.
    pub(super) key: String,
}

/// Drops sentence punctuation around a word; `None` when nothing is left. A lone `.`, `/`, `-`
/// or `_` is kept (a written separator).
pub(super) fn clean_word(word: &str) -> Option<String> {
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
pub(super) fn tokenize(text: &str) -> Vec<Token> {
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
pub(super) fn connector_symbol(key: &str) -> Option<char> {
    match key {
        "dot" | "period" | "point" | "." => Some('.'),
        "slash" | "/" => Some('/'),
        "underscore" | "_" => Some('_'),
        "dash" | "hyphen" | "minus" | "-" => Some('-'),
        _ => None,
    }
}

/// Whether the token at `i` is a spoken separator (*forward* counts before *slash*).
pub(super) fn is_connector_at(tokens: &[Token], i: usize) -> bool {
    match tokens.get(i) {
        Some(t) if t.key == "forward" => tokens.get(i + 1).is_some_and(|n| n.key == "slash"),
        Some(t) => connector_symbol(&t.key).is_some(),
        None => false,
    }
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
pub(super) const SOFT: &[&str] = &[
    "the", "a", "an", "my", "me", "all", "our", "your", "its", "most",
];

/// Drops the filler before the command.
pub(super) fn strip_preamble(tokens: &mut Vec<Token>) {
    let skip = tokens
        .iter()
        .take_while(|t| PREAMBLE.contains(&t.key.as_str()))
        .count();
    tokens.drain(..skip);
}

/// Drops the filler after the command (never a word that follows a spoken separator).
pub(super) fn strip_trailing(tokens: &mut Vec<Token>) {
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
