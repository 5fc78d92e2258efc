import os
import pathlib
import time

# Setting a file's times to "now", as `touch` does: os.utime without times, then Path.touch.
with open("f.txt", "w") as f:
    f.write("x")
os.utime("f.txt", (5, 6))
print(os.stat("f.txt").st_mtime)
os.utime("f.txt")
print(abs(os.stat("f.txt").st_mtime - time.time()) < 5)
os.utime("f.txt", ns=(7_000_000_000, 8_000_000_000))
pathlib.Path("f.txt").touch()
print(abs(os.stat("f.txt").st_mtime - time.time()) < 5)
with open("f.txt") as f:
    os.utime(f.fileno(), (1, 2))
    print(os.stat("f.txt").st_atime, os.stat("f.txt").st_mtime)
    os.utime(f.fileno())
    print(abs(os.stat("f.txt").st_atime - time.time()) < 5)
