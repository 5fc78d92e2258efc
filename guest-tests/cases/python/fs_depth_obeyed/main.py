# Nests folders 62 deep in /tmp and writes a file at the bottom: 64 levels below /, the default.
import os

deep = "/tmp/" + "/".join(["d"] * 62)
os.makedirs(deep)
with open(deep + "/leaf.txt", "w") as f:
    f.write("deep\n")
print(deep.count("/") + 1, open(deep + "/leaf.txt").read(), end="")
print(sum(len(files) for _, _, files in os.walk("/tmp")))
