//! The languages a request can name, how a file's extension picks one, and the names the API
//! and the command line use for them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language that the runtime runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// CPython 3.13 compiled to WASI.
    Python,
    /// QuickJS compiled to WASI, with a Node-like `console`, `process` and `require`.
    JavaScript,
    /// OpenJDK 17 in a locked-down container of the container engine (see
    /// [`JavaConfig`](crate::JavaConfig)).
    Java,
}

impl Language {
    /// Every language, in a stable order.
    pub const ALL: [Language; 3] = [Language::Python, Language::JavaScript, Language::Java];

    /// The language of a file, from its extension: `.py`; `.js`, `.mjs`, `.cjs`; `.java`.
    pub fn from_path(path: &str) -> Option<Language> {
        let (_, extension) = path.rsplit_once('.')?;
        match extension {
            "py" => Some(Language::Python),
            "js" | "mjs" | "cjs" => Some(Language::JavaScript),
            "java" => Some(Language::Java),
            _ => None,
        }
    }

    /// The lowercase name used on the command line and in the API.
    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::Java => "java",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing a [`Language`] from a string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?} (expected python, javascript or java)")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// Accepts the names and the usual aliases: `python`, `py`, `javascript`, `js`, `node`,
    /// `java`.
    fn from_str(s: &str) -> Result<Language, UnknownLanguage> {
        match s.to_ascii_lowercase().as_str() {
            "python" | "py" | "python3" => Ok(Language::Python),
            "javascript" | "js" | "node" => Ok(Language::JavaScript),
            "java" => Ok(Language::Java),
            _ => Err(UnknownLanguage(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        assert_eq!(Language::from_path("a/b.py"), Some(Language::Python));
        assert_eq!(Language::from_path("main.mjs"), Some(Language::JavaScript));
        assert_eq!(Language::from_path("main.cjs"), Some(Language::JavaScript));
        assert_eq!(Language::from_path("app/Main.java"), Some(Language::Java));
        assert_eq!(Language::from_path("Makefile"), None);
    }

    #[test]
    fn names_round_trip() {
        for language in Language::ALL {
            assert_eq!(language.name().parse::<Language>(), Ok(language));
        }
        assert!("cobol".parse::<Language>().is_err());
    }
}
