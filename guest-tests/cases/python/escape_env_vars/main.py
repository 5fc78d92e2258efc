# Checks that host environment variables are not visible to the program.
import os

print(sorted(os.environ))
for name in ["HOME", "PATH", "USER", "CARGO_HOME", "PWD"]:
    print(name, os.environ.get(name))
