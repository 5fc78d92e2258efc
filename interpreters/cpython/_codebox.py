"""Runs one program as `python3 PATH` would: codebox's driver calls `run` once per run.

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


def run(path):
    """Runs the program at `path` in a new `__main__`; answers its exit status."""
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
    status = 0
    try:
        with open(path, "rb") as source:
            code = compile(source.read(), path, "exec")
        exec(code, main.__dict__)
    except SystemExit as exit:
        status = _exit_status(exit.code)
    except BaseException as error:
        # Without this function's frame, as CPython shows an uncaught exception.
        tb = error.__traceback__.tb_next if error.__traceback__ else None
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
    otherwise pay for again in every run: `run`'s bytecode specialised by CPython's adaptive
    interpreter, and the lazily made parts of printing and compiling."""
    path = "/tmp/codebox-warm-up.py"
    with open(path, "w") as program:
        program.write("print()\n")
    run(path)
    os.remove(path)


_warm_up()

# Everything alive now is the snapshot's: moved out of the collector's generations, so that a
# run's collections never walk (and write to, copying page after page of the snapshot) objects
# that no run can free.
import gc  # noqa: E402

gc.collect()
gc.freeze()
