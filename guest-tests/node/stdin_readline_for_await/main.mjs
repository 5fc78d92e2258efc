import * as readline from 'node:readline';
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
const it = rl[Symbol.asyncIterator]();
const first = await it.next();
const [n, m] = first.value.split(' ').map(Number);
console.log('vertices', n, 'edges', m);
const adj = Array.from({ length: n + 1 }, () => []);
let read = 0;
for await (const line of rl) {
  if (read < m) {
    const [u, v] = line.split(' ').map(Number);
    adj[u].push(v); adj[v].push(u);
    read++;
    continue;
  }
  const [a, b] = line.split(' ').map(Number);
  const dist = new Array(n + 1).fill(-1); dist[a] = 0; const q = [a];
  while (q.length) { const u = q.shift(); for (const v of adj[u]) if (dist[v] < 0) { dist[v] = dist[u] + 1; q.push(v); } }
  console.log(`dist(${a}, ${b}) = ${dist[b]}`);
}
console.log(adj);
