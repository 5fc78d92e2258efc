# Checks an entry in a subfolder: its folder is the working directory and sibling modules import.
import os
import greeting

print(greeting.greet("sandbox"))
print(open("data.txt").read().strip())
print(sorted(os.listdir(".")))
print(__file__)
print(open("/workspace/README.txt").read().strip())
