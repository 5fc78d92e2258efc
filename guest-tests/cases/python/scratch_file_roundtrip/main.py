# Checks writing, appending, reading and deleting files in the scratch working directory.
import os

with open("notes.txt", "w", encoding="utf-8") as f:
    f.write("first line\n")
with open("notes.txt", "a", encoding="utf-8") as f:
    f.write("second line ✓\n")
print(open("notes.txt", encoding="utf-8").read(), end="")
os.makedirs("out/deep", exist_ok=True)
with open("out/deep/data.bin", "wb") as f:
    f.write(bytes(range(256)))
print(os.path.getsize("out/deep/data.bin"))
print(open("/workspace/notes.txt").readline().strip())
os.remove("notes.txt")
print(os.path.exists("notes.txt"))
