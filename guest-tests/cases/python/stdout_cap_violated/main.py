# Checks that output beyond the stdout cap is cut at exactly the cap and the program stopped.
for i in range(1000):
    print(f"{i:04d}" + "." * 45)
print("never reached")
