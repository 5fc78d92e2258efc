def parse_pair(text):
    left, right = text.split(",")
    return int(left), int(right)
