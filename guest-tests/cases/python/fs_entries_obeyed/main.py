# Makes 9,000 files in a folder (the default allows 10,000 files and folders), lists them, and
# deletes them all with shutil.rmtree.
import os
import shutil

os.mkdir("/tmp/many")
for i in range(9000):
    open(f"/tmp/many/{i}.txt", "w").close()
print(len(os.listdir("/tmp/many")))
shutil.rmtree("/tmp/many")
print(os.path.exists("/tmp/many"))
