# Checks that a short computation finishes well inside a small wall-clock limit.
total = sum(i * i for i in range(10000))
print("sum of squares:", total)
