# Checks that RecursionError can be caught and the program continues.
import sys

def forever(n):
    return forever(n + 1)

try:
    forever(0)
except RecursionError as e:
    print("caught:", type(e).__name__)
print("limit:", sys.getrecursionlimit())
