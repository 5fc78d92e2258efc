# Checks that a symlink pointing outside the sandbox cannot be used to read host files.
import os

for target in ["/etc/passwd", "../../../../etc/passwd"]:
    name = "link_" + str(len(target))
    try:
        os.symlink(target, name)
        print("symlink created")
    except OSError as e:
        print("symlink ->", type(e).__name__)
        continue
    try:
        print(open(name).read()[:40])
    except OSError as e:
        print("open ->", type(e).__name__)
