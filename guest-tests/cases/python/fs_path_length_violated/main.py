# Paths beyond 4,096 bytes (the default): making one and naming one are ENAMETOOLONG, caught.
import errno
import os

path, made = "/tmp", 0
try:
    while True:
        path += "/" + "p" * 250
        os.mkdir(path)
        made += 1
except OSError as e:
    print("mkdir:", errno.errorcode[e.errno], made)
try:
    os.stat("/tmp/" + "x/" * 3000)
except OSError as e:
    print("stat:", errno.errorcode[e.errno])
