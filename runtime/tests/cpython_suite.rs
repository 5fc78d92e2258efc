//! A slice of CPython's own test suite, run inside the runtime against codebox's CPython build:
//! the interpreter core and the standard library modules interview code uses, to catch a
//! miscompilation of the WASI build (clang-16 with a 2022 wasi-libc is an unusual pairing).
//!
//! The tests come from the build's `lib/test` (CPython's `Lib/test`, as source), which the
//! guest sees beside the standard library. Each module runs in a fresh instance, two at a
//! time. The modules left out of the library's are in [`LEFT_OUT`], each with its reason.

use std::sync::Mutex;
use std::time::Duration;

use codebox_runtime::{Language, Limits, RunRequest, Runtime, Termination};

/// The modules run: numbers, containers, strings, control flow and classes, then the library.
const MODULES: &[&str] = &[
    "test_int",
    "test_long",
    "test_float",
    "test_complex",
    "test_bool",
    "test_list",
    "test_tuple",
    "test_dict",
    "test_set",
    "test_string",
    "test_slice",
    "test_sort",
    "test_scope",
    "test_generators",
    "test_exceptions",
    "test_math",
    "test_json",
    "test_re",
    "test_collections",
    "test_heapq",
    "test_bisect",
    "test_itertools",
    "test_functools",
    "test_fractions",
    "test_statistics",
    "test_random",
    "test_operator",
    "test_copy",
    "test_enum",
    "test_dataclasses",
    "test_textwrap",
    "test_string_literals",
    "test_unicode_identifiers",
    "test_grammar",
    "test_augassign",
    "test_with",
    "test_raise",
    "test_unpack",
    "test_listcomps",
    "test_fstring",
    "test_format",
    "test_userdict",
    "test_userlist",
    "test_str",
    "test_deque",
    "test_defaultdict",
    "test_ordered_dict",
    "test_userstring",
    "test_dictviews",
    "test_array",
    "test_struct",
    "test_memoryview",
    "test_range",
    "test_iter",
    "test_genexps",
    "test_index",
    "test_compare",
    "test_richcmp",
    "test_isinstance",
    "test_property",
    "test_super",
    "test_abc",
    "test_baseexception",
    "test_exception_group",
    "test_except_star",
    "test_patma",
    "test_named_expressions",
    "test_positional_only_arg",
    "test_keywordonlyarg",
    "test_keyword",
    "test_cmath",
    "test_decimal",
    "test_datetime",
    "test_calendar",
    "test_typing",
    "test_weakref",
    "test_copyreg",
    "test_contextlib",
    "test_unittest",
    "test_difflib",
    "test_pprint",
    "test_csv",
    "test_shlex",
    "test_fnmatch",
    "test_glob",
    "test_base64",
    "test_binascii",
    "test_uuid",
    "test_posixpath",
    "test_pathlib",
    "test_os",
    "test_tempfile",
];

/// Modules of the library interview code uses that are not run, and why.
const LEFT_OUT: &[(&str, &str)] = &[
    (
        "test_class",
        "imports `_testinternalcapi`, a C test extension the build leaves out",
    ),
    (
        "test_bytes",
        "imports `_testlimitedcapi`, a C test extension the build leaves out",
    ),
    (
        "test_types",
        "imports `_testsinglephase`, a C test extension the build leaves out",
    ),
    (
        "test_traceback",
        "imports `_testinternalcapi`, a C test extension the build leaves out",
    ),
    (
        "test_opcache",
        "imports `_testinternalcapi`, a C test extension the build leaves out",
    ),
    (
        "test_argparse",
        "its translation helper needs `subprocess`: WASI has no processes",
    ),
    (
        "test_contextlib_async",
        "asyncio's tests need sockets: WASI has none",
    ),
    (
        "test_hashlib",
        "hashes 4 GiB of data (`*_update_over_4gb`), beyond any run's budget",
    ),
    (
        "test_io",
        "`test_large_file_ops` writes a file past 2 GiB, beyond a run's filesystem",
    ),
    (
        "test_linecache",
        "opens `linecache.py` by its path, which lies inside the standard library's zip",
    ),
];

const RUNNER: &str = r#"
import sys
import unittest

sys.path.append("/usr/local/lib")
name = sys.stdin.read().strip()
suite = unittest.defaultTestLoader.loadTestsFromName("test." + name)
result = unittest.TextTestRunner(stream=sys.stdout, verbosity=1).run(suite)
print(f"{name}: {result.testsRun} run, {len(result.failures)} failed, "
      f"{len(result.errors)} errors, {len(result.skipped)} skipped")
sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)
"#;

#[test]
fn cpython_test_suite_slice() {
    for (module, reason) in LEFT_OUT {
        assert!(
            !MODULES.contains(module),
            "{module} is both run and left out"
        );
        println!("{module}: left out: {reason}");
    }
    let runtime = Runtime::builder().build().expect("runtime");
    runtime.prepare(Language::Python).expect("CPython");
    let limits = Limits::default()
        .with_timeout(Duration::from_secs(600))
        .with_memory_bytes(1 << 30)
        .with_stdout_bytes(8 << 20)
        .with_stderr_bytes(8 << 20);
    let queue = Mutex::new(MODULES.iter());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                // The lock is taken and released inside the call, not held through a run.
                let next = || queue.lock().unwrap().next();
                while let Some(module) = next() {
                    let request = RunRequest::new(Language::Python, "run_tests.py")
                        .file("run_tests.py", RUNNER)
                        .stdin(module.to_string())
                        .limits(limits);
                    let result = runtime.run(&request).expect("run");
                    let summary = result.stdout.lines().last().unwrap_or("").to_owned();
                    println!("{summary} ({:.1} s)", result.wall_time.as_secs_f64());
                    if result.termination != Termination::Exited || result.exit_code != Some(0) {
                        failures.lock().unwrap().push(format!(
                            "{module}: {:?} exit {:?}\n{}\n{}",
                            result.termination, result.exit_code, result.stdout, result.stderr
                        ));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
