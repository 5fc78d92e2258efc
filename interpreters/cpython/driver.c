/*
 * codebox's CPython driver: the reactor's three exports.
 *
 *   codebox_init   initialises the interpreter and imports `_codebox` (codebox.py in the
 *                  standard library zip), which imports the modules interview code uses. It
 *                  runs once, when the module is snapshotted; every run starts from its result.
 *   codebox_run    runs one program: the entry's absolute guest path is the second WASI
 *                  argument, as for `python3 PATH`. `_codebox.prepare` compiles it into a
 *                  fresh `__main__`, the driver evaluates it, and `_codebox.finish` reports
 *                  how it ended. Answers the exit status `python3 PATH` would exit with.
 */
#include <Python.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <wasi/api.h>

static PyObject *prepare_function;
static PyObject *finish_function;

static void fail(const char *what, PyStatus status) {
    fprintf(stderr, "codebox: %s: %s\n", what, status.err_msg ? status.err_msg : "failed");
    abort();
}

/* Debian's wasi-libc (2022) asks for both times set to 0, not to now, when utimensat and
 * futimens are given no times (`os.utime(path)`, `Path.touch()`). The link wraps both
 * (--wrap), and the driver gives them the time now instead. */
int __real_utimensat(int fd, const char *path, const struct timespec times[2], int flags);
int __real_futimens(int fd, const struct timespec times[2]);

static const struct timespec *times_or_now(const struct timespec times[2], struct timespec now[2]) {
    if (times != NULL) {
        return times;
    }
    clock_gettime(CLOCK_REALTIME, &now[0]);
    now[1] = now[0];
    return now;
}

int __wrap_utimensat(int fd, const char *path, const struct timespec times[2], int flags) {
    struct timespec now[2];
    return __real_utimensat(fd, path, times_or_now(times, now), flags);
}

int __wrap_futimens(int fd, const struct timespec times[2]) {
    struct timespec now[2];
    return __real_futimens(fd, times_or_now(times, now));
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
    prepare_function = PyObject_GetAttrString(module, "prepare");
    finish_function = PyObject_GetAttrString(module, "finish");
    Py_DECREF(module);
    if (prepare_function == NULL || finish_function == NULL) {
        PyErr_Print();
        abort();
    }
}

/* The run's WASI arguments, read now: wasi-libc read them (none) when the snapshot was taken. */
static PyObject *entry_argument(void) {
    __wasi_size_t argc = 0, size = 0;
    if (__wasi_args_sizes_get(&argc, &size) != 0 || argc < 2) {
        return NULL;
    }
    char **argv = malloc(argc * sizeof(char *));
    char *buffer = malloc(size);
    PyObject *path = NULL;
    if (argv != NULL && buffer != NULL &&
        __wasi_args_get((uint8_t **)argv, (uint8_t *)buffer) == 0) {
        path = PyUnicode_DecodeUTF8(argv[1], (Py_ssize_t)strlen(argv[1]), "strict");
    }
    free(argv);
    free(buffer);
    return path;
}

__attribute__((export_name("codebox_run"))) int codebox_run(void) {
    PyObject *path = entry_argument();
    if (path == NULL) {
        if (!PyErr_Occurred()) {
            fprintf(stderr, "codebox: no entry to run (usage: python3 ENTRY)\n");
            return 2;
        }
        PyErr_Print();
        return 1;
    }
    PyObject *prepared = PyObject_CallOneArg(prepare_function, path);
    Py_DECREF(path);
    PyObject *raised = NULL;
    if (prepared == NULL) {
        raised = PyErr_GetRaisedException();
    } else {
        /* Evaluated here rather than by `exec` in Python, as python3 evaluates a script: the
         * program's module frame is the outermost, and stack walks, `__exit__` re-raising and
         * traceback filters see no frame of codebox's. */
        PyObject *globals = PyTuple_GET_ITEM(prepared, 1);
        PyObject *result = PyEval_EvalCode(PyTuple_GET_ITEM(prepared, 0), globals, globals);
        Py_DECREF(prepared);
        if (result == NULL) {
            raised = PyErr_GetRaisedException();
        } else {
            Py_DECREF(result);
        }
    }
    PyObject *status = PyObject_CallOneArg(finish_function, raised != NULL ? raised : Py_None);
    Py_XDECREF(raised);
    if (status == NULL) {
        PyErr_Print();
        return 1;
    }
    long code = PyLong_AsLong(status);
    Py_DECREF(status);
    return (int)code;
}
