# Checks that output beyond the stderr cap is cut at exactly the cap and the program stopped.
import sys
print("before", flush=True)
for i in range(1000):
    print(f"{i:04d}" + "!" * 45, file=sys.stderr)
print("never reached")
