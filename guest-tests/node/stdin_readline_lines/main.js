const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin, terminal: false });
const lines = [];
rl.on('line', (line) => {
  lines.push(line);
  console.log(`line ${lines.length}: ${JSON.stringify(line)}`);
});
rl.on('close', () => {
  const [n, ...rest] = lines;
  const matrix = rest.slice(0, Number(n)).map((l) => l.trim().split(/\s+/).map(Number));
  console.log(matrix);
  const rowSums = matrix.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = matrix[0].map((_, j) => matrix.reduce((s, r) => s + r[j], 0));
  console.log({ rowSums, colSums });
  const diag = matrix.reduce((s, r, i) => s + r[i], 0);
  console.log('diagonal', diag);
  console.log('closed after', lines.length, 'lines');
});
