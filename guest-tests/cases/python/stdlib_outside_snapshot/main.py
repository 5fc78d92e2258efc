# Modules the snapshot did not import load from the standard library's zip.
import calendar
import colorsys
import difflib
import sys

print(calendar.isleap(2024), colorsys.rgb_to_hls(1, 0, 0))
print("".join(difflib.ndiff(["a\n"], ["b\n"])), end="")
print("calendar" in sys.modules)
