# Checks that an infinite loop is stopped by the wall-clock limit and earlier output is kept.
print("started", flush=True)
while True:
    pass
