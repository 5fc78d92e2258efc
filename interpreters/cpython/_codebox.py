"""Runs one program as `python3 PATH` would: codebox's driver calls `prepare`, runs the code
it answers, then calls `finish`, once per run.

Imported when the interpreter is snapshotted, together with the modules interview code uses,
so that every run finds them loaded. Each run starts from a fresh copy of that snapshot, so
nothing a run does is seen by the next.
"""

import builtins
import os
import sys

# Loaded into the snapshot: importing them later is then free.
import array, bisect, collections, copy, dataclasses, datetime, decimal, enum  # noqa: E401
import fractions, functools, heapq, io, itertools, json, linecache, math  # noqa: E401
import operator, random, re, statistics, string, struct, textwrap, time  # noqa: E401
import traceback, types, typing  # noqa: E401

_stdlib_path = list(sys.path)


def _exit_status(code):
    """The status SystemExit(code) ends a program with, printing what CPython prints."""
    if code is None:
        return 0
    if isinstance(code, bool):
        return int(code)
    if isinstance(code, int):
        # As a process's exit status: the low byte.
        return code & 0xFF
    try:
        print(code, file=sys.stderr)
    except Exception:
        pass
    return 1


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def prepare(path):
    """Makes a fresh `__main__` for the program at `path` and compiles it; answers the code
    and the namespace to run it in.

    codebox's driver runs the code itself (driver.c), as python3 runs a script: no frame of
    this module is then on the program's stack, for stack walks and traceback filters to see.
    """
    random.seed()
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = builtins
    main.__cached__ = None
    sys.modules["__main__"] = main
    sys.argv[:] = [path]
    # The entry's folder first, as for a script, then the standard library.
    sys.path[:] = [os.path.dirname(path)] + _stdlib_path
    # New finders for the new path (not importlib.invalidate_caches(), which imports
    # importlib.metadata: a hundred million instructions).
    sys.path_importer_cache.clear()
    with open(path, "rb") as source:
        code = compile(source.read(), path, "exec")
    return code, main.__dict__


def finish(error):
    """Ends a run whose program raised `error` (None when it returned): reports an uncaught
    exception as CPython does, runs the `atexit` functions and flushes the standard streams;
    answers the exit status."""
    status = 0
    if isinstance(error, SystemExit):
        status = _exit_status(error.code)
    elif error is not None:
        tb = error.__traceback__
        # A program that does not compile raised in `prepare`: python3 shows no frame of its
        # own for that.
        if tb is not None and tb.tb_frame.f_code is prepare.__code__:
            tb = tb.tb_next
        sys.excepthook(type(error), error.with_traceback(tb), tb)
        status = 1
    try:
        import atexit

        atexit._run_exitfuncs()
    except SystemExit as exit:
        status = _exit_status(exit.code)
    _flush()
    return status


def _warm_up():
    """Runs a program that prints once, so that the snapshot holds what a first run would
    otherwise pay for again in every run: the runner's bytecode specialised by CPython's adaptive
    interpreter, and the lazily made parts of printing and compiling."""
    path = "/tmp/codebox-warm-up.py"
    with open(path, "w") as program:
        program.write("print()\n")
    code, namespace = prepare(path)
    exec(code, namespace)
    finish(None)
    os.remove(path)


_warm_up()

# Everything alive now is the snapshot's: moved out of the collector's generations, so that a
# run's collections never walk (and write to, copying page after page of the snapshot) objects
# that no run can free.
import gc  # noqa: E402

gc.collect()
gc.freeze()
