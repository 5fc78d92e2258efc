# Checks sys.stdin.read() returns the whole stdin, including non-ASCII text.
import sys

data = sys.stdin.read()
words = data.split()
print(len(data.splitlines()), "lines,", len(words), "words")
print(" ".join(reversed(words)))
