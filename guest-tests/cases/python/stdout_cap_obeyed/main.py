# Checks that output below the stdout cap is passed through whole.
for i in range(10):
    print("line", i, "x" * 40)
