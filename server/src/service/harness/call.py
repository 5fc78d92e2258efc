# codebox's call harness (Python): runs one `call` or `calls` test case against the candidate's
# entry file. It reads the case from stdin, removes itself so that the candidate's code cannot
# see it, loads the entry file as a module (its `if __name__ == "__main__":` block does not
# run), calls what the case names, and writes what came back (or the exception) as JSON to the
# result file. The program's own prints go to stdout as usual.
import io
import json
import os
import runpy
import sys
import traceback

case = json.loads(sys.stdin.read())
os.remove(__file__)
sys.stdin = io.StringIO("")


def plain(value):
    """What JSON cannot hold, made into what it can: sets as sorted lists, the rest as text."""
    if isinstance(value, (set, frozenset)):
        try:
            return sorted(value)
        except TypeError:
            return list(value)
    return repr(value)


def write(outcome):
    sys.stdout.flush()
    with open(case["result"], "w") as result:
        json.dump(outcome, result, default=plain)


def defined(names, name):
    if name not in names:
        raise NameError(f"{case['entry']} defines no {name}")
    return names[name]


try:
    names = runpy.run_path(case["entry"], run_name="solution")
    if "measure" in case:
        # One point of a complexity measure: the generator's arguments for `size`, and the
        # call only when asked (the runtime's fuel difference is the call's own).
        measure = case["measure"]
        args = defined(names, measure["generator"])(measure["size"])
        if measure["call"]:
            defined(names, measure["function"])(*args)
        write({"returned": None})
    elif "call" in case:
        function = case["call"]["function"]
        owner, _, method = function.rpartition(".")
        target = getattr(defined(names, owner)(), method) if owner else defined(names, function)
        write({"returned": target(*case["call"]["args"])})
    else:
        calls = case["calls"]
        instance = defined(names, calls[0]["method"])(*calls[0]["args"])
        returned = [None]
        for call in calls[1:]:
            returned.append(getattr(instance, call["method"])(*call["args"]))
        write({"returned": returned})
except BaseException as error:  # every failure of the candidate's code is reported
    traceback.print_exc()
    write({"exception": {"type": type(error).__name__, "message": str(error)}})
