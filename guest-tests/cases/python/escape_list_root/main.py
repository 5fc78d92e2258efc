# Checks that listing / shows only the program's own files, never the host's directories.
import os

print(sorted(os.listdir("/")))
print(sorted(os.listdir("/workspace")))
for path in ["/etc", "/proc", "/home", "/tmp", "/root"]:
    print(path, os.path.exists(path))
