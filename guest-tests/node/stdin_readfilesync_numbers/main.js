const fs = require('fs');
const input = fs.readFileSync(0, 'utf8');
const lines = input.trim().split('\n');
const n = parseInt(lines[0], 10);
const nums = lines[1].split(' ').map(Number);
console.log('n =', n, 'count =', nums.length);
console.log(nums);
const sum = nums.reduce((a, b) => a + b, 0);
console.log('sum', sum, 'avg', (sum / n).toFixed(3));
console.log('min', Math.min(...nums), 'max', Math.max(...nums));
const sorted = [...nums].sort((a, b) => a - b);
const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
console.log('sorted', sorted.join(' '));
console.log('median', median);
const q = parseInt(lines[2], 10);
for (let i = 0; i < q; i++) {
  const [l, r] = lines[3 + i].split(' ').map(Number);
  console.log(`sum[${l}..${r}] = ${nums.slice(l, r + 1).reduce((a, b) => a + b, 0)}`);
}
console.log(JSON.stringify(input.slice(0, 10)), input.length, input.endsWith('\n'));
