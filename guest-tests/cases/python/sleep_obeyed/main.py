# Checks that a short sleep works and returns before the wall-clock limit.
import time
start = time.monotonic()
time.sleep(0.2)
elapsed = time.monotonic() - start
print("slept enough:", elapsed >= 0.19)
