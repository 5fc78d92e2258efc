def add(a, b):
    return a + b


def shout(text):
    return text.upper() + "!"
