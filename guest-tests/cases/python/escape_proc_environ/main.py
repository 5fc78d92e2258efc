# Checks that /proc/self/environ and other /proc files cannot be read.
for path in ["/proc/self/environ", "/proc/self/cmdline", "/proc/self/maps", "/proc/1/environ"]:
    try:
        data = open(path, "rb").read()
        print(path, "-> read", len(data), "bytes")
    except OSError as e:
        print(path, "->", type(e).__name__)
