# An uncaught exception through two of the program's files: CPython's traceback, naming only
# the program's frames, with their source lines and carets.
from helpers.parse import parse_pair

if __name__ == "__main__":
    print("parsing")
    print(parse_pair("3,x"))
