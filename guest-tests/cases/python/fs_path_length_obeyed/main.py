# Nests folders with 250-byte names and writes and reads a file at the bottom, by a path of
# 4,026 bytes: under the 4,096 default.
import os

path = "/tmp"
for i in range(16):
    path += "/" + str(i % 10) * 250
os.makedirs(path)
with open(path + "/f.txt", "w") as f:
    f.write("far\n")
print(len(path + "/f.txt"), open(path + "/f.txt").read(), end="")
