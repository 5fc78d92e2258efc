# Checks that ../ paths cannot leave the working directory (read, list, write, os.chdir).
import os

attempts = [
    ("read ../secret", lambda: open("../secret").read()),
    ("list ..", lambda: os.listdir("..")),
    ("list ../..", lambda: os.listdir("../..")),
    ("write ../planted", lambda: open("../planted", "w").write("x")),
    ("read sub/../../etc/passwd", lambda: open("sub/../../etc/passwd").read()),
]
for label, attempt in attempts:
    try:
        attempt()
        print(label, "-> allowed")
    except OSError as e:
        print(label, "->", type(e).__name__)
try:
    os.chdir("..")
    print("chdir .. ->", os.getcwd(), sorted(os.listdir(".")))
except OSError as e:
    print("chdir .. ->", type(e).__name__)
