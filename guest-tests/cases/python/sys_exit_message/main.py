# Checks that sys.exit('msg') prints msg on stderr and exits with code 1.
import sys

print("about to fail")
sys.exit("fatal: configuration missing")
