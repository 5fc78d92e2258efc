# Checks that a syntax error is reported on stderr with exit code 1 and nothing runs.
print("this line must not run")
def broken(:
    pass
