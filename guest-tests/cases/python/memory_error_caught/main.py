# Checks that a program can catch MemoryError and exit normally afterwards.
try:
    block = bytearray(200 * 1024 * 1024)
    print("allocated", len(block))
except MemoryError:
    print("caught MemoryError")
small = bytearray(1024 * 1024)
print("still works:", len(small))
