const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const buf = Buffer.concat(chunks);
  console.log(Buffer.isBuffer(chunks[0]), buf.length);
  const tokens = buf.toString('utf8').split(/\s+/).filter(Boolean);
  let pos = 0;
  const next = () => tokens[pos++];
  const nextInt = () => parseInt(next(), 10);
  const t = nextInt();
  for (let tc = 1; tc <= t; tc++) {
    const n = nextInt(), k = nextInt();
    const arr = Array.from({ length: n }, nextInt);
    let best = -Infinity, cur = 0;
    for (let i = 0; i < n; i++) { cur += arr[i]; if (i >= k) cur -= arr[i - k]; if (i >= k - 1) best = Math.max(best, cur); }
    console.log(`Case #${tc}: n=${n} k=${k} arr=${JSON.stringify(arr)} best=${best}`);
  }
  console.log('tokens left:', tokens.length - pos);
});
