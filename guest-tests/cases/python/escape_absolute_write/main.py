# Checks that absolute writes land in the sandbox or fail, never on the host.
import os

for path in ["/tmp/planted.txt", "/etc/planted.txt", "/planted.txt"]:
    try:
        with open(path, "w") as f:
            f.write("x")
        print(path, "-> written; visible as", sorted(os.listdir(".")))
    except OSError as e:
        print(path, "->", type(e).__name__)
