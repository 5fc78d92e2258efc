# Checks that SystemExit runs finally blocks and that exit code 0 wins.
import sys

try:
    print("working")
    sys.exit(0)
finally:
    print("cleanup ran")
