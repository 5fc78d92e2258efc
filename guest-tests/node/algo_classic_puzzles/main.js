function toRoman(n) {
  const map = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = ''; for (const [v, s] of map) while (n >= v) { out += s; n -= v; } return out;
}
function fromRoman(s) { const v = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 }; return [...s].reduce((t, c, i) => t + (v[c] < (v[s[i + 1]] || 0) ? -v[c] : v[c]), 0); }
const years = [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999];
console.log(years.map(toRoman));
console.log(years.map((y) => fromRoman(toRoman(y)) === y).every(Boolean));
const ones = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
function words(n) {
  if (n === 0) return 'zero';
  const chunk = (x) => [x >= 100 ? ones[Math.floor(x / 100)] + ' hundred' : '', x % 100 < 20 ? ones[x % 100] : tens[Math.floor((x % 100) / 10)] + (x % 10 ? '-' + ones[x % 10] : '')].filter(Boolean).join(' ');
  const scales = ['', ' thousand', ' million', ' billion']; const parts = [];
  for (let i = 0; n > 0; i++, n = Math.floor(n / 1000)) if (n % 1000) parts.unshift(chunk(n % 1000) + scales[i]);
  return parts.join(' ');
}
for (const n of [0, 7, 13, 21, 100, 105, 999, 1001, 12345, 1000000, 2147483647]) console.log(String(n).padStart(10), words(n));
const caesar = (s, k) => s.replace(/[a-z]/gi, (c) => { const b = c <= 'Z' ? 65 : 97; return String.fromCharCode(((c.charCodeAt(0) - b + k + 26) % 26) + b); });
console.log(caesar('Hello, World!', 3), caesar(caesar('Hello, World!', 3), -3), caesar('xyz', 13));
function isValidSudoku(b) {
  const seen = new Set();
  for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) { const v = b[i][j]; if (v === '.') continue; for (const k of [`r${i}${v}`, `c${j}${v}`, `b${Math.floor(i / 3)}${Math.floor(j / 3)}${v}`]) { if (seen.has(k)) return false; seen.add(k); } }
  return true;
}
const board = ['53..7....', '6..195...', '.98....6.', '8...6...3', '4..8.3..1', '7...2...6', '.6....28.', '...419..5', '....8..79'].map((r) => [...r]);
console.log(isValidSudoku(board)); board[0][1] = '8'; console.log(isValidSudoku(board));
const gcd = (a, b) => (b ? gcd(b, a % b) : a), lcm = (a, b) => (a / gcd(a, b)) * b;
console.log(gcd(48, 18), lcm(4, 6), [12, 18, 24].reduce(gcd), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].reduce(lcm));
const sieve = (n) => { const p = new Uint8Array(n + 1).fill(1); p[0] = p[1] = 0; for (let i = 2; i * i <= n; i++) if (p[i]) for (let j = i * i; j <= n; j += i) p[j] = 0; return p.reduce((a, v, i) => (v ? [...a, i] : a), []); };
console.log(sieve(100));
const pascal = (n) => Array.from({ length: n }).reduce((rows, _, i) => [...rows, i ? [1, ...rows[i - 1].slice(1).map((v, j) => v + rows[i - 1][j]), 1] : [1]], []);
pascal(7).forEach((r, i, all) => console.log(' '.repeat((all.length - i - 1) * 2) + r.map((v) => String(v).padStart(4)).join('')));
