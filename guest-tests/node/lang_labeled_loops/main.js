const grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
let found = null;
outer: for (let i = 0; i < grid.length; i++) {
  for (let j = 0; j < grid[i].length; j++) {
    if (grid[i][j] === 5) { found = [i, j]; break outer; }
    console.log('visit', i, j);
  }
}
console.log('found', found);
rows: for (const row of grid) {
  for (const v of row) {
    if (v % 2 === 0) continue rows;
    console.log('odd-prefix', v);
  }
}
block: {
  console.log('in block');
  if (found) break block;
  console.log('never printed');
}
let i = 0;
loop: while (true) {
  i++;
  switch (i) {
    case 1: console.log('one'); continue loop;
    case 2: console.log('two'); break;
    case 3: console.log('three'); break loop;
    default: console.log('never');
  }
  console.log('after switch', i);
}
let k = 0;
do { k += 2; } while (k < 7);
console.log('k', k);
const primes = [];
candidates: for (let n = 2; primes.length < 15; n++) {
  for (const p of primes) { if (p * p > n) break; if (n % p === 0) continue candidates; }
  primes.push(n);
}
console.log(primes);
for (const key in { a: 1, b: 2, c: 3 }) { if (key === 'b') continue; console.log('key', key); }
const inherited = Object.assign(Object.create({ proto: 1 }), { own: 2 });
for (const key in inherited) console.log('for-in', key, Object.hasOwn(inherited, key));
for (const idx in ['x', 'y']) console.log(typeof idx, idx);
function fizzbuzz(n) { const out = []; for (let x = 1; x <= n; x++) out.push(x % 15 === 0 ? 'FizzBuzz' : x % 3 === 0 ? 'Fizz' : x % 5 === 0 ? 'Buzz' : x); return out; }
console.log(fizzbuzz(20));
console.log(fizzbuzz(20).join(' '));
