const edges = [['A', 'B'], ['A', 'C'], ['B', 'D'], ['C', 'D'], ['D', 'E'], ['F', 'G']];
const graph = new Map();
for (const [u, v] of edges) {
  if (!graph.has(u)) graph.set(u, []);
  if (!graph.has(v)) graph.set(v, []);
  graph.get(u).push(v);
  graph.get(v).push(u);
}
console.log(graph);
function bfs(start) {
  const dist = { [start]: 0 }; const order = []; const q = [start];
  while (q.length) {
    const u = q.shift(); order.push(u);
    for (const v of graph.get(u)) if (!(v in dist)) { dist[v] = dist[u] + 1; q.push(v); }
  }
  return { order, dist };
}
console.log(bfs('A'));
function dfs(u, seen = new Set()) {
  seen.add(u);
  for (const v of graph.get(u)) if (!seen.has(v)) dfs(v, seen);
  return seen;
}
console.log(dfs('A'));
const components = [];
const seen = new Set();
for (const node of graph.keys()) if (!seen.has(node)) { const c = dfs(node, new Set()); c.forEach((x) => seen.add(x)); components.push([...c]); }
console.log('components:', components);
function shortestPath(s, t) {
  const prev = new Map([[s, null]]); const q = [s];
  while (q.length) { const u = q.shift(); if (u === t) break; for (const v of graph.get(u)) if (!prev.has(v)) { prev.set(v, u); q.push(v); } }
  if (!prev.has(t)) return null;
  const path = []; for (let c = t; c !== null; c = prev.get(c)) path.unshift(c);
  return path;
}
console.log(shortestPath('A', 'E'), shortestPath('A', 'G'));
const adj = Object.fromEntries(graph);
console.log(adj);
const grid = ['S.#.', '..#.', '...E'];
const rows = grid.length, cols = grid[0].length;
const dq = [[0, 0, 0]]; const vis = new Set(['0,0']); let found = -1;
while (dq.length) {
  const [r, c, d] = dq.shift();
  if (grid[r][c] === 'E') { found = d; break; }
  for (const [dr, dc] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
    const nr = r + dr, nc = c + dc;
    if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && grid[nr][nc] !== '#' && !vis.has(nr + ',' + nc)) { vis.add(nr + ',' + nc); dq.push([nr, nc, d + 1]); }
  }
}
console.log('grid steps:', found);
