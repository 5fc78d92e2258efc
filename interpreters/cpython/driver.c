/*
 * codebox's CPython driver: the reactor's three exports.
 *
 *   codebox_init   initialises the interpreter and imports `_codebox` (codebox.py in the
 *                  standard library zip), which imports the modules interview code uses. It
 *                  runs once, when the module is snapshotted; every run starts from its result.
 *   codebox_alloc  gives the host a buffer in linear memory for the request.
 *   codebox_run    runs one program: its buffer holds the entry's absolute guest path (UTF-8).
 *                  Answers the exit status, as `python3 PATH` would exit.
 */
#include <Python.h>
#include <stdio.h>
#include <stdlib.h>

static PyObject *run_function;

static void fail(const char *what, PyStatus status) {
    fprintf(stderr, "codebox: %s: %s\n", what, status.err_msg ? status.err_msg : "failed");
    abort();
}

__attribute__((export_name("codebox_init"))) void codebox_init(void) {
    /* UTF-8 mode: the guest has no locale, and programs print and read UTF-8 text. */
    PyPreConfig preconfig;
    PyPreConfig_InitIsolatedConfig(&preconfig);
    preconfig.utf8_mode = 1;
    PyStatus status = Py_PreInitialize(&preconfig);
    if (PyStatus_Exception(status)) fail("pre-initialising CPython", status);

    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    /* No site-packages, no bytecode files, no signal handlers (WASI has no signals). */
    config.site_import = 0;
    config.write_bytecode = 0;
    config.install_signal_handlers = 0;
    /* Unbuffered, so that a run stopped at a limit keeps everything it printed. */
    config.buffered_stdio = 0;
    /* The hash seed is fixed at snapshot time: interned strings keep their hashes. */
    config.use_hash_seed = 1;
    config.hash_seed = 0;
    config.parse_argv = 0;
    status = PyConfig_SetString(&config, &config.home, L"/usr/local");
    if (PyStatus_Exception(status)) fail("setting home", status);
    status = PyConfig_SetString(&config, &config.program_name, L"python3");
    if (PyStatus_Exception(status)) fail("setting the program name", status);
    config.module_search_paths_set = 1;
    status = PyWideStringList_Append(&config.module_search_paths, L"/usr/local/lib/python313.zip");
    if (PyStatus_Exception(status)) fail("setting the module path", status);
    status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) fail("initialising CPython", status);

    PyObject *module = PyImport_ImportModule("_codebox");
    if (module == NULL) {
        PyErr_Print();
        abort();
    }
    run_function = PyObject_GetAttrString(module, "run");
    Py_DECREF(module);
    if (run_function == NULL) {
        PyErr_Print();
        abort();
    }
}

__attribute__((export_name("codebox_alloc"))) void *codebox_alloc(size_t n) {
    return malloc(n + 1);
}

__attribute__((export_name("codebox_run"))) int codebox_run(char *request, size_t n) {
    PyObject *path = PyUnicode_DecodeUTF8(request, (Py_ssize_t)n, "strict");
    free(request);
    if (path == NULL) {
        PyErr_Print();
        return 1;
    }
    PyObject *result = PyObject_CallOneArg(run_function, path);
    Py_DECREF(path);
    if (result == NULL) {
        PyErr_Print();
        return 1;
    }
    long status = PyLong_AsLong(result);
    Py_DECREF(result);
    return (int)status;
}
