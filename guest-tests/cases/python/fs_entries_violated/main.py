# Makes empty files until there may be no more (10,000 files and folders by default, main.py
# included): ENOSPC, caught; deleting one makes room for one.
import errno
import os

made = 0
try:
    while True:
        open(f"/tmp/f{made}", "w").close()
        made += 1
except OSError as e:
    print(errno.errorcode[e.errno], made)
try:
    os.mkdir("/tmp/one_more")
except OSError as e:
    print("mkdir:", errno.errorcode[e.errno])
os.remove("/tmp/f0")
os.mkdir("/tmp/one_more")
print(os.path.isdir("/tmp/one_more"))
