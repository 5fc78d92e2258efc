# Checks that unbounded recursion raises RecursionError (an ordinary traceback, exit 1).
def forever(n):
    return forever(n + 1)

print("recursing", flush=True)
forever(0)
