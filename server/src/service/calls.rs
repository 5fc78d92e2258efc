//! Function-call test cases (Python and JavaScript): `{"call": {"function", "args"},
//! "expected"}` calls a top-level function, or `Class.method` on a fresh instance, with the JSON
//! arguments; `{"calls": [{"method", "args"}, ...], "expected": [...]}` constructs the first
//! call's class and calls the others' methods on that instance (a design problem). Each case
//! runs in a fresh sandbox like any other.
//!
//! A small harness of the entry file's language (`harness/`) is added to the run's files and
//! run instead of the entry file. Python's and JavaScript's remove themselves first, so the
//! candidate's code never sees them; they load the entry file as a module, make the call, and
//! write what came back (or the exception) to a result file the run hands back. Java's is
//! compiled with the candidate's classes, calls `Class.method` (static, or on a fresh
//! instance) with the arguments converted to the parameter types, and prints the outcome on
//! one line after a marker made for the run, which is taken out of the output. The program's
//! own prints stay its output.

use codebox_runtime::{CollectedFile, ExecutionResult, Language};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::judge::Compare;

/// One call: a function (`two_sum`, or `Solution.twoSum` on a fresh instance) and its arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Call {
    pub(crate) function: String,
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    pub(crate) args: Vec<Value>,
}

/// One call of a design problem: the first names the class to construct, the rest its methods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct MethodCall {
    pub(crate) method: String,
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    pub(crate) args: Vec<Value>,
}

/// Reads a field that is there, even as `null`, as `Some`: a function may be expected to
/// return nothing.
pub(crate) fn present<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

/// Where the harness of a run of `language` is added, and its source.
pub(crate) fn harness(language: Language) -> (&'static str, &'static str) {
    match language {
        Language::Python => (".codebox-call.py", include_str!("harness/call.py")),
        Language::JavaScript => (".codebox-call.js", include_str!("harness/call.js")),
        Language::Java => ("CodeboxCall.java", include_str!("harness/CodeboxCall.java")),
    }
}

/// The file the harness writes what came back to.
pub(crate) const RESULT: &str = ".codebox-call-result.json";

/// A marker for one run's outcome line (Java's harness), which the program cannot know.
pub(crate) fn marker() -> String {
    format!("codebox-outcome-{}:", uuid::Uuid::new_v4().simple())
}

/// The harness's stdin for one case.
pub(crate) fn harness_input(
    entry: &str,
    harness: &str,
    marker: &str,
    call: Option<&Call>,
    calls: Option<&[MethodCall]>,
) -> String {
    let mut input = serde_json::json!({
        "entry": entry, "harness": harness, "result": RESULT, "marker": marker,
    });
    if let Some(call) = call {
        input["call"] = serde_json::json!(call);
    }
    if let Some(calls) = calls {
        input["calls"] = serde_json::json!(calls);
    }
    input.to_string()
}

/// The harness's stdin for one point of a complexity measure (see `complexity.rs`).
pub(crate) fn measure_input(
    entry: &str,
    harness: &str,
    request: &super::complexity::ComplexityRequest,
    size: u64,
    call: bool,
) -> String {
    serde_json::json!({
        "entry": entry,
        "harness": harness,
        "result": RESULT,
        "marker": marker(),
        "measure": {
            "generator": request.generator,
            "function": request.function,
            "size": size,
            "call": call,
        },
    })
    .to_string()
}

/// What a call case's run gave back.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    /// The call (or every call) returned; this is what (as a list, for `calls`).
    Returned(Value),
    /// The candidate's code raised an exception.
    Raised(Exception),
}

/// An exception the candidate's code raised in a call case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Exception {
    /// Its type: `IndexError`, `TypeError`.
    #[serde(rename = "type")]
    pub(crate) kind: String,
    pub(crate) message: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
enum Written {
    Returned(Value),
    Exception(Exception),
}

/// Takes the harness's outcome out of `result`, so that it is neither among the files handed
/// back to the client nor in the output: the result file, or the line after `marker` (Java).
/// `None` when the program ended before the harness wrote it.
pub(crate) fn take_outcome(result: &mut ExecutionResult, marker: &str) -> Option<Outcome> {
    let written = match result
        .collected_files
        .iter()
        .position(|file| file.path == RESULT)
    {
        Some(position) => {
            let CollectedFile { content, .. } = result.collected_files.remove(position);
            content.to_vec()
        }
        None => {
            let line = format!("\n{marker}");
            let at = result.stdout.rfind(&line)?;
            let outcome = result.stdout[at + line.len()..]
                .trim_end()
                .as_bytes()
                .to_vec();
            result.stdout.truncate(at);
            outcome
        }
    };
    match serde_json::from_slice::<Written>(&written).ok()? {
        Written::Returned(value) => Some(Outcome::Returned(value)),
        Written::Exception(exception) => Some(Outcome::Raised(exception)),
    }
}

/// Whether `got` is `wanted` as `compare` says: JSON equality with numbers compared as
/// numbers (`1` is `1.0`); `unordered` takes a returned list as a multiset; `float` takes
/// numbers within its tolerances.
pub(crate) fn same(compare: &Compare, got: &Value, wanted: &Value) -> bool {
    if let (Compare::Unordered, Value::Array(got), Value::Array(wanted)) = (compare, got, wanted) {
        let mut left: Vec<&Value> = wanted.iter().collect();
        return got.len() == wanted.len()
            && got.iter().all(
                |item| match left.iter().position(|w| equal(compare, item, w)) {
                    Some(found) => {
                        left.swap_remove(found);
                        true
                    }
                    None => false,
                },
            );
    }
    equal(compare, got, wanted)
}

fn equal(compare: &Compare, got: &Value, wanted: &Value) -> bool {
    match (got, wanted) {
        (Value::Number(g), Value::Number(w)) => match (g.as_i64(), w.as_i64(), compare) {
            (Some(g), Some(w), _) => g == w,
            (_, _, Compare::Float(tolerance)) => match (g.as_f64(), w.as_f64()) {
                (Some(g), Some(w)) => tolerance.close(g, w),
                _ => false,
            },
            _ => g.as_f64() == w.as_f64(),
        },
        (Value::Array(g), Value::Array(w)) => {
            g.len() == w.len() && g.iter().zip(w).all(|(g, w)| equal(compare, g, w))
        }
        (Value::Object(g), Value::Object(w)) => {
            g.len() == w.len()
                && g.iter()
                    .all(|(key, g)| w.get(key).is_some_and(|w| equal(compare, g, w)))
        }
        _ => got == wanted,
    }
}

/// `[1,0]`: a value as shown in a diff, shortened.
pub(crate) fn shown(value: &Value) -> String {
    super::judge::shorten(&value.to_string(), 200)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::service::judge::Tolerance;

    #[test]
    fn values_compare_structurally() {
        let lines = Compare::Lines;
        assert!(same(&lines, &json!([0, 1]), &json!([0, 1])));
        assert!(!same(&lines, &json!([1, 0]), &json!([0, 1])));
        assert!(same(
            &lines,
            &json!({"a": [1.0, "x"]}),
            &json!({"a": [1, "x"]})
        ));
        assert!(!same(&lines, &json!({"a": 1}), &json!({"a": 1, "b": 2})));
        assert!(same(&lines, &json!(null), &json!(null)));
        assert!(same(
            &Compare::Unordered,
            &json!([3, 1, 2, 1]),
            &json!([1, 1, 2, 3])
        ));
        assert!(!same(
            &Compare::Unordered,
            &json!([1, 2, 2]),
            &json!([1, 1, 2])
        ));
        let float = Compare::Float(Tolerance {
            absolute: 1e-6,
            relative: 0.0,
        });
        assert!(same(&float, &json!([0.3333334]), &json!([0.333333])));
        assert!(!same(&lines, &json!([0.3333334]), &json!([0.333333])));
    }
}
