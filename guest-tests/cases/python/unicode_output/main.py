# Checks that non-ASCII text (accents, CJK, emoji) is written as UTF-8 on stdout and stderr.
import sys

print("héllo wörld")
print("日本語テキスト")
print("emoji: 🎉🐍")
print(len("🐍"), len("🐍".encode("utf-8")))
print("ошибка", file=sys.stderr)
