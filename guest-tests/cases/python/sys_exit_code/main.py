# Checks that sys.exit(3) exits with code 3 and keeps earlier output.
import sys

print("exiting with 3")
sys.exit(3)
print("not reached")
