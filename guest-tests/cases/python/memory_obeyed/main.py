# Checks that allocating about 40 MB fits under the default 128 MiB limit.
block = bytearray(40 * 1024 * 1024)
block[-1] = 7
print(len(block), block[-1])
