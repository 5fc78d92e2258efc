# Checks json, collections and heapq from the standard library.
import heapq
import json
from collections import Counter, OrderedDict, defaultdict, deque

doc = json.loads('{"name": "codebox", "tags": ["wasm", "python", "wasm"], "n": 3}')
print(json.dumps(doc, sort_keys=True))
print(Counter(doc["tags"]).most_common(1))
groups = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
print(dict(groups))
q = deque([1, 2, 3])
q.rotate(1)
print(list(q))
print(list(OrderedDict(b=2, a=1).items()))
print(heapq.nsmallest(3, [9, 4, 7, 1, 8, 2]))
