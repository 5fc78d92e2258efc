const fs = require('fs');
const [header, ...rows] = fs.readFileSync('/dev/stdin', 'utf8').split(/\r?\n/).filter(Boolean);
const [R, C] = header.split(/\s+/).map(Number);
const grid = rows.slice(0, R).map((r) => r.split(''));
console.log(R, C);
console.log(grid);
let start, end;
grid.forEach((row, i) => row.forEach((ch, j) => { if (ch === 'S') start = [i, j]; if (ch === 'E') end = [i, j]; }));
console.log({ start, end });
const dist = Array.from({ length: R }, () => Array(C).fill(-1));
const q = [start]; dist[start[0]][start[1]] = 0;
while (q.length) {
  const [r, c] = q.shift();
  for (const [dr, dc] of [[0, 1], [1, 0], [0, -1], [-1, 0]]) {
    const nr = r + dr, nc = c + dc;
    if (nr < 0 || nc < 0 || nr >= R || nc >= C || grid[nr][nc] === '#' || dist[nr][nc] !== -1) continue;
    dist[nr][nc] = dist[r][c] + 1; q.push([nr, nc]);
  }
}
console.log('shortest:', dist[end[0]][end[1]]);
console.log(dist);
console.log(dist.map((row) => row.map((d) => (d < 0 ? ' #' : String(d).padStart(2))).join(' ')).join('\n'));
