# Writes 48 MiB of files in /tmp, under the 64 MiB default, deletes them and writes them again:
# deleting a file gives its bytes back.
import os

chunk = b"x" * (1 << 20)
for round in range(2):
    for i in range(6):
        with open(f"/tmp/big{i}.bin", "wb") as f:
            for _ in range(8):
                f.write(chunk)
    print(round, sum(os.path.getsize(f"/tmp/big{i}.bin") for i in range(6)))
    for i in range(6):
        os.remove(f"/tmp/big{i}.bin")
print(os.listdir("/tmp"))
