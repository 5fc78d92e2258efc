# Checks reading stdin line by line with input() until EOFError.
total = 0
while True:
    try:
        line = input()
    except EOFError:
        break
    total += int(line)
    print("running total:", total)
print("final:", total)
