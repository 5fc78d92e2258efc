# Checks that an endless computation runs out of fuel (not time) and earlier output is kept.
print("counting", flush=True)
n = 0
while True:
    n += 1
