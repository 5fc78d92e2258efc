# Checks itertools, re and math from the standard library.
import itertools
import math
import re

print(list(itertools.permutations("abc", 2))[:3])
print(list(itertools.accumulate([1, 2, 3, 4])))
print(list(itertools.islice(itertools.count(10, 5), 4)))
print(re.findall(r"\d+", "a1b22c333"))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "user@example"))
print(math.gcd(84, 36), math.isqrt(99), math.comb(10, 3))
print(f"{math.pi:.6f}", math.sqrt(2) ** 2 == 2, math.isclose(math.sqrt(2) ** 2, 2))
