# Checks that a small program completes within a modest fuel budget.
print(sum(range(1000)))
