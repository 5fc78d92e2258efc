# Holds 1,000 files open at once (the default allows 1,024 descriptors, the standard streams
# and the preopened folders included), writes to each, and closes them.
files = [open(f"/tmp/{i}.txt", "w") for i in range(1000)]
for i, f in enumerate(files):
    f.write(str(i))
for f in files:
    f.close()
print(sum(int(open(f"/tmp/{i}.txt").read()) for i in range(1000)))
