# Checks that network access fails cleanly: no outgoing connection, no DNS, no listening socket.
import socket

try:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect(("1.1.1.1", 80))
    print("connected")
except OSError as e:
    print("connect ->", e)
try:
    print(socket.getaddrinfo("example.com", 80))
except (OSError, AttributeError):  # this CPython build has no getaddrinfo at all
    print("dns -> unavailable")
try:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("0.0.0.0", 8080))
    s.listen()
    print("listening")
except OSError as e:
    print("listen ->", type(e).__name__)
