# Nests folders as deep as it can, one mkdir at a time, then tries to go deeper by moving one
# deep tree into another: both stop at 64 levels below / with ENAMETOOLONG, caught.
import errno
import os

path, made = "/tmp/a", 0
try:
    while True:
        os.mkdir(path)
        made += 1
        path += "/a"
except OSError as e:
    print("mkdir:", errno.errorcode[e.errno], made)
os.makedirs("/tmp/b/" + "/".join(["b"] * 40))
try:
    os.rename("/tmp/b", path.rsplit("/", 30)[0] + "/b")
except OSError as e:
    print("rename:", errno.errorcode[e.errno])
print(os.path.isdir("/tmp/b"))
