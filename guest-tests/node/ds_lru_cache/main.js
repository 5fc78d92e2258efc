class LRUCache {
  constructor(capacity) { this.capacity = capacity; this.map = new Map(); }
  get(key) {
    if (!this.map.has(key)) return -1;
    const v = this.map.get(key); this.map.delete(key); this.map.set(key, v); return v;
  }
  put(key, value) {
    this.map.delete(key); this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value);
  }
}
const c = new LRUCache(2);
const ops = [['put', 1, 1], ['put', 2, 2], ['get', 1], ['put', 3, 3], ['get', 2], ['put', 4, 4], ['get', 1], ['get', 3], ['get', 4]];
const results = ops.map(([op, ...args]) => (op === 'get' ? c.get(...args) : (c.put(...args), null)));
console.log(results);
console.log(c);
console.log([...c.map.keys()]);
class Trie {
  constructor() { this.root = {}; }
  insert(w) { let n = this.root; for (const ch of w) n = n[ch] ??= {}; n.$ = true; }
  search(w) { let n = this.root; for (const ch of w) { n = n[ch]; if (!n) return false; } return !!n.$; }
  startsWith(p) { let n = this.root; for (const ch of p) { n = n[ch]; if (!n) return []; } const out = []; const walk = (node, acc) => { if (node.$) out.push(acc); for (const k of Object.keys(node)) if (k !== '$') walk(node[k], acc + k); }; walk(n, p); return out; }
}
const trie = new Trie();
['car', 'cart', 'care', 'cat', 'dog', 'do'].forEach((w) => trie.insert(w));
console.log(trie.search('car'), trie.search('ca'), trie.startsWith('car'), trie.startsWith('d'), trie.startsWith('z'));
console.log(trie.root);
console.log(JSON.stringify(trie.root.d));
