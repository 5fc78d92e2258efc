# Writes until the filesystem is full (64 MiB by default): the write fails with ENOSPC, which
# the program catches, and deleting the file makes room again.
import errno
import os

written = 0
try:
    with open("/tmp/fill.bin", "wb") as f:
        while True:
            f.write(b"x" * (1 << 20))
            written += 1
except OSError as e:
    print(errno.errorcode[e.errno], "-", e.strerror)
print(written, "MiB written")
os.remove("/tmp/fill.bin")
with open("/tmp/after.txt", "w") as f:
    f.write("room again\n")
print(open("/tmp/after.txt").read(), end="")
