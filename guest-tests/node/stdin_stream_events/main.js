let data = '';
let chunks = 0;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { data += chunk; chunks++; });
process.stdin.on('end', () => {
  console.log('got chunks:', chunks > 0);
  const lines = data.split('\n').filter((l) => l.length);
  const t = Number(lines.shift());
  console.log('test cases:', t);
  for (let i = 0; i < t; i++) {
    const words = lines[i].split(' ');
    const freq = new Map();
    for (const w of words) freq.set(w.toLowerCase(), (freq.get(w.toLowerCase()) ?? 0) + 1);
    const best = [...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    console.log(`Case #${i + 1}: ${best[0]} x${best[1]}`, freq);
  }
});
console.log('waiting for stdin...');
