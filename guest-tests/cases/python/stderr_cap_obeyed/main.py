# Checks that output below the stderr cap is passed through whole.
import sys
for i in range(10):
    print("warning", i, file=sys.stderr)
print("done")
