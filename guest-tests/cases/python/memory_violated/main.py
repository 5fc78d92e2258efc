# Checks that allocating 200 MB under a 128 MiB limit fails with an uncaught MemoryError.
print("allocating", flush=True)
block = bytearray(200 * 1024 * 1024)
print("allocated", len(block))
