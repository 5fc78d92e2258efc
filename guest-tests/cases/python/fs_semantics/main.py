# Files behave as on a real filesystem: seeking, truncating, appending, renaming over a file,
# hard and symbolic links, stat, os.walk, shutil, and the tempfile module in /tmp (whose
# TemporaryFile is deleted while still open). Its output is what CPython prints on Linux.
import os
import shutil
import tempfile

with open("data.bin", "w+b") as f:
    f.write(b"0123456789")
    f.seek(3)
    print(f.read(4), f.tell())
    f.seek(-2, os.SEEK_END)
    f.write(b"XYZ")
    f.truncate(6)
    f.seek(0)
    print(f.read(), os.fstat(f.fileno()).st_size)
    f.seek(20)
    f.write(b"!")
    print(os.path.getsize("data.bin"))
with open("data.bin", "ab") as f:
    f.write(b"+")
    print(f.tell())

os.makedirs("a/b/c")
for path in ["a/one.txt", "a/b/two.txt", "a/b/c/three.txt"]:
    with open(path, "w") as f:
        f.write(path)
os.replace("a/one.txt", "a/b/two.txt")
print(open("a/b/two.txt").read())
os.rename("a/b/c", "a/c")
for root, dirs, files in sorted(os.walk("a")):
    print(root, sorted(dirs), sorted(files))

os.link("a/b/two.txt", "hard.txt")
os.symlink("a/c/three.txt", "soft.txt")
print(os.stat("hard.txt").st_nlink, os.path.islink("soft.txt"), open("soft.txt").read())
print(os.readlink("soft.txt"), os.lstat("soft.txt").st_size)
before = os.stat("hard.txt").st_mtime_ns
with open("a/b/two.txt", "a") as f:
    f.write("!")
print(open("hard.txt").read(), os.stat("hard.txt").st_mtime_ns >= before)

shutil.copytree("a", "copy")
shutil.move("copy/c", "moved")
print(sorted(os.listdir("copy")), os.listdir("moved"))
shutil.rmtree("copy")
print(os.path.exists("copy"))

with tempfile.TemporaryFile() as t:
    t.write(b"anonymous")
    t.seek(0)
    print(t.read(), os.listdir(tempfile.gettempdir()) == [])
with tempfile.TemporaryDirectory() as d:
    with tempfile.NamedTemporaryFile(dir=d, suffix=".txt", delete=False) as n:
        n.write(b"named")
    print(os.listdir(d) == [os.path.basename(n.name)], open(n.name).read())
print(os.path.exists(d))

for bad in [lambda: os.rmdir("a"), lambda: os.remove("a"), lambda: os.mkdir("a"),
            lambda: open("a/nope/x", "w"), lambda: os.rename("a", "a/b/inside")]:
    try:
        bad()
    except OSError as e:
        print(type(e).__name__)
