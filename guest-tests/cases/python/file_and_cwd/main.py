# Checks __file__, sys.argv, the working directory and the files visible to the program.
import os
import sys

print(__file__)
print(sys.argv[0])
print(os.getcwd())
print(sorted(os.listdir(".")))
print(sys.version_info[:2])
