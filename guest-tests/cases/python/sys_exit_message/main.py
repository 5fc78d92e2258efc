# sys.exit with a message prints it to stderr and exits 1, as CPython does; atexit handlers run.
import atexit
import sys

atexit.register(lambda: print("atexit ran"))
print("before")
sys.exit("fatal: bad input")
