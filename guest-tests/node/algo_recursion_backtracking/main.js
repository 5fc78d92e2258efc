function permutations(arr) {
  if (arr.length <= 1) return [arr];
  return arr.flatMap((x, i) => permutations([...arr.slice(0, i), ...arr.slice(i + 1)]).map((p) => [x, ...p]));
}
console.log(permutations([1, 2, 3]));
function subsets(arr) { return arr.reduce((acc, x) => acc.concat(acc.map((s) => [...s, x])), [[]]); }
console.log(subsets(['a', 'b', 'c']));
function combinations(n, k) {
  const out = [];
  (function go(start, cur) { if (cur.length === k) { out.push(cur.slice()); return; } for (let i = start; i <= n; i++) { cur.push(i); go(i + 1, cur); cur.pop(); } })(1, []);
  return out;
}
console.log(combinations(5, 3));
function nQueens(n) {
  const sols = [];
  const cols = new Set(), d1 = new Set(), d2 = new Set(), board = [];
  (function place(r) {
    if (r === n) { sols.push(board.map((c) => '.'.repeat(c) + 'Q' + '.'.repeat(n - c - 1))); return; }
    for (let c = 0; c < n; c++) {
      if (cols.has(c) || d1.has(r - c) || d2.has(r + c)) continue;
      cols.add(c); d1.add(r - c); d2.add(r + c); board.push(c);
      place(r + 1);
      cols.delete(c); d1.delete(r - c); d2.delete(r + c); board.pop();
    }
  })(0);
  return sols;
}
const q = nQueens(6);
console.log(q.length, q);
console.log(nQueens(8).length);
function parens(n) { const out = []; (function g(s, o, c) { if (s.length === 2 * n) return out.push(s); if (o < n) g(s + '(', o + 1, c); if (c < o) g(s + ')', o, c + 1); })('', 0, 0); return out; }
console.log(parens(3));
function hanoi(n, from, to, via, moves = []) { if (n === 0) return moves; hanoi(n - 1, from, via, to, moves); moves.push(`${from}->${to}`); hanoi(n - 1, via, to, from, moves); return moves; }
console.log(hanoi(3, 'A', 'C', 'B'));
console.log(hanoi(10, 'A', 'C', 'B').length);
const flatten = (a) => a.reduce((acc, x) => (Array.isArray(x) ? acc.concat(flatten(x)) : acc.concat(x)), []);
console.log(flatten([1, [2, [3, [4, [5]]]], 6]), [1, [2, [3, [4]]]].flat(Infinity), [1, [2, [3, [4]]]].flat());
function depth(n) { try { return depth(n + 1); } catch { return n > 1000; } }
console.log('deep recursion ok:', depth(0));
