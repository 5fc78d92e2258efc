# Checks that fetching a URL through the standard library fails cleanly.
import urllib.request

try:
    urllib.request.urlopen("http://example.com", timeout=1)
    print("fetched")
except Exception as e:
    print("urlopen failed:", type(e).__name__)
