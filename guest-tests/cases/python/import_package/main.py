# Checks a regular package: __init__.py runs once, relative imports between its modules work.
import shapes
from shapes import square, describe
import shapes.circle

print(shapes.VERSION)
print(square(4))
print(describe(shapes.circle.Circle(2)))
print(shapes.init_count)
