//! The languages that run inside wasmtime, and what differs between them there: the command
//! line and environment their interpreter gets, and the words of a stack overflow.

use crate::Language;

/// A language whose interpreter is a WebAssembly guest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum WasmGuest {
    Python,
    JavaScript,
}

impl WasmGuest {
    /// The guest for `language`; `None` for Java, which runs in a container.
    pub(crate) fn of(language: Language) -> Option<WasmGuest> {
        match language {
            Language::Python => Some(WasmGuest::Python),
            Language::JavaScript => Some(WasmGuest::JavaScript),
            Language::Java => None,
        }
    }

    pub(crate) fn language(self) -> Language {
        match self {
            WasmGuest::Python => Language::Python,
            WasmGuest::JavaScript => Language::JavaScript,
        }
    }

    /// The guest's command line for running `entry` (its absolute path in the guest): the WASI
    /// arguments its `codebox_run` reads the entry from.
    pub(crate) fn argv(self, entry: &str) -> Vec<String> {
        match self {
            WasmGuest::Python => vec!["python3".to_owned(), entry.to_owned()],
            WasmGuest::JavaScript => vec!["node".to_owned(), entry.to_owned()],
        }
    }

    /// The error line the language prints for a stack overflow. The interpreters cannot see
    /// wasmtime's native stack, so the runtime says it in their words.
    pub(crate) fn stack_overflow_line(self) -> &'static str {
        match self {
            WasmGuest::Python => {
                "RecursionError: maximum recursion depth exceeded (the interpreter's stack is full)\n"
            }
            WasmGuest::JavaScript => "Uncaught RangeError: Maximum call stack size exceeded\n",
        }
    }
}
