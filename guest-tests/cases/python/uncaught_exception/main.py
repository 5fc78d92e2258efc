# Checks that an uncaught exception prints a traceback on stderr and exits 1, keeping prior output.
def divide(a, b):
    return a / b

print("before")
divide(1, 0)
print("after")
