# Opens files without closing them until no descriptor is left (1,024 by default): EMFILE,
# caught; closing them makes room again.
import errno

files = []
try:
    while True:
        files.append(open(f"/tmp/{len(files)}.txt", "w"))
except OSError as e:
    print(errno.errorcode[e.errno], len(files) > 1000)
for f in files:
    f.close()
with open("/tmp/again.txt", "w") as f:
    print(f.write("ok"))
