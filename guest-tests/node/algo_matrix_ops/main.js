const A = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
const B = [[9, 8, 7], [6, 5, 4], [3, 2, 1]];
console.log(A);
const transpose = (m) => m[0].map((_, j) => m.map((row) => row[j]));
const multiply = (x, y) => x.map((row) => transpose(y).map((col) => row.reduce((s, v, k) => s + v * col[k], 0)));
const rotate = (m) => transpose(m).map((r) => r.reverse());
console.log(transpose(A));
console.log(multiply(A, B));
console.log(rotate(A));
function spiral(m) {
  const out = []; let t = 0, b = m.length - 1, l = 0, r = m[0].length - 1;
  while (t <= b && l <= r) {
    for (let j = l; j <= r; j++) out.push(m[t][j]); t++;
    for (let i = t; i <= b; i++) out.push(m[i][r]); r--;
    if (t <= b) { for (let j = r; j >= l; j--) out.push(m[b][j]); b--; }
    if (l <= r) { for (let i = b; i >= t; i--) out.push(m[i][l]); l++; }
  }
  return out;
}
const M = Array.from({ length: 4 }, (_, i) => Array.from({ length: 5 }, (_, j) => i * 5 + j + 1));
console.log(M);
console.log(spiral(M));
const big = Array.from({ length: 8 }, (_, i) => Array.from({ length: 8 }, (_, j) => (i + 1) * (j + 1)));
console.log(big);
for (const row of big) console.log(row.map((v) => String(v).padStart(3)).join(''));
const identity = (n) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => +(i === j)));
console.log(identity(4));
function det(m) { if (m.length === 1) return m[0][0]; return m[0].reduce((s, v, j) => s + (j % 2 ? -1 : 1) * v * det(m.slice(1).map((r) => r.filter((_, k) => k !== j))), 0); }
console.log(det(A), det([[2, 0, 1], [1, 3, 2], [1, 1, 1]]), det(identity(5)));
function islands(g) { g = g.map((r) => [...r]); let n = 0; const sink = (i, j) => { if (g[i]?.[j] !== '1') return; g[i][j] = '0'; sink(i + 1, j); sink(i - 1, j); sink(i, j + 1); sink(i, j - 1); }; g.forEach((r, i) => r.forEach((c, j) => { if (c === '1') { n++; sink(i, j); } })); return n; }
console.log(islands(['11000', '11000', '00100', '00011'].map((s) => [...s])));
const zeros = Array(3).fill().map(() => Array(3).fill(0)); zeros[1][1] = 5; console.log(zeros);
const floats = [[0.1, 0.25, 1 / 3], [-1.5, 100, 2.75]];
console.log(floats);
console.log(floats.map((r) => r.map((v) => v.toFixed(2)).join('\t')).join('\n'));
