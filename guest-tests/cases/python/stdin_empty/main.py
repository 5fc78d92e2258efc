# Checks that with no stdin, reads return empty and input() raises EOFError.
import sys

print(repr(sys.stdin.read()))
try:
    input()
except EOFError:
    print("EOFError")
