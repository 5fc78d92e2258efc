# Checks that the wall-clock limit fires while the program sleeps.
import time
print("going to sleep", flush=True)
time.sleep(10)
print("woke up")
