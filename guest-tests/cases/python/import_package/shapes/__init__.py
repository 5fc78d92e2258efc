from .square import square
from .describe import describe

VERSION = "shapes 1.0"
init_count = 0
init_count += 1
