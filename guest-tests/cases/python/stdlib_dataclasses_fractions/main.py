# Checks dataclasses, fractions, decimal and enum from the standard library.
from dataclasses import dataclass, field, asdict
from decimal import Decimal
from enum import Enum
from fractions import Fraction


class Color(Enum):
    RED = 1
    GREEN = 2


@dataclass(order=True)
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)


p = Point(1, 2)
print(p)
print(asdict(p))
print(sorted([Point(3), Point(1, 5), Point(1, 2)])[0])
print(Fraction(1, 3) + Fraction(1, 6))
print(Decimal("0.1") + Decimal("0.2"))
print(Color.GREEN, Color(1).name)
