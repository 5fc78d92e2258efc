import contextlib
import inspect
import json
import sys
import traceback

# At the top of a script the module's frame is the outermost, as under python3.
print(len(inspect.stack()), sys._getframe().f_back)
try:
    sys._getframe(1)
except ValueError as error:
    print("ValueError:", error)
print([frame.name for frame in traceback.extract_stack()])


def raise_exc(exc):
    raise exc


# ExitStack re-raises from its __exit__: the frames and their lines, the standard library's
# included, are python3's.
try:
    with contextlib.ExitStack() as stack:
        stack.callback(raise_exc, ValueError)
        1 / 0
except ValueError as error:
    print([(f.name, f.line) for f in traceback.extract_tb(error.__traceback__)])

# An error raised inside the standard library shows its source lines.
try:
    json.loads("{")
except ValueError:
    print("return _default_decoder.decode(s)" in traceback.format_exc())
