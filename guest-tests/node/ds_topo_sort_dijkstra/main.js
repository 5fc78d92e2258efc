const deps = { app: ['lib', 'utils'], lib: ['core'], utils: ['core'], core: [], tests: ['app'] };
function topo(g) {
  const indeg = {}; for (const k in g) indeg[k] ??= 0;
  for (const k in g) for (const d of g[k]) indeg[k]++;
  const rev = {}; for (const k in g) for (const d of g[k]) (rev[d] ??= []).push(k);
  const q = Object.keys(indeg).filter((k) => indeg[k] === 0).sort(); const out = [];
  while (q.length) { const n = q.shift(); out.push(n); for (const m of rev[n] || []) if (--indeg[m] === 0) q.push(m); }
  return out;
}
console.log(topo(deps));
const weighted = {
  A: { B: 4, C: 2 }, B: { C: 5, D: 10 }, C: { E: 3 }, D: { F: 11 }, E: { D: 4 }, F: {},
};
function dijkstra(g, src) {
  const dist = Object.fromEntries(Object.keys(g).map((k) => [k, Infinity]));
  const prev = {}; dist[src] = 0; const done = new Set();
  while (done.size < Object.keys(g).length) {
    let u = null;
    for (const k in dist) if (!done.has(k) && (u === null || dist[k] < dist[u])) u = k;
    if (dist[u] === Infinity) break;
    done.add(u);
    for (const [v, w] of Object.entries(g[u])) if (dist[u] + w < dist[v]) { dist[v] = dist[u] + w; prev[v] = u; }
  }
  return { dist, prev };
}
const { dist, prev } = dijkstra(weighted, 'A');
console.log(dist);
console.log(prev);
const path = []; for (let c = 'F'; c; c = prev[c]) path.unshift(c);
console.log(path.join(' → '), dist.F);
class UnionFind {
  constructor(n) { this.parent = Array.from({ length: n }, (_, i) => i); this.rank = new Array(n).fill(0); }
  find(x) { return this.parent[x] === x ? x : (this.parent[x] = this.find(this.parent[x])); }
  union(a, b) {
    const [ra, rb] = [this.find(a), this.find(b)]; if (ra === rb) return false;
    if (this.rank[ra] < this.rank[rb]) this.parent[ra] = rb; else if (this.rank[ra] > this.rank[rb]) this.parent[rb] = ra; else { this.parent[rb] = ra; this.rank[ra]++; }
    return true;
  }
}
const uf = new UnionFind(8);
console.log([[0, 1], [2, 3], [1, 3], [4, 5], [0, 2]].map(([a, b]) => uf.union(a, b)));
console.log(uf);
console.log(new Set(uf.parent.map((_, i) => uf.find(i))).size, 'groups');
