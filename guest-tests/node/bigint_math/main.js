const fact = (n) => (n <= 1n ? 1n : n * fact(n - 1n));
console.log(fact(25n), fact(30n).toString().length);
console.log([0n, 1n, 5n, 10n, 20n].map(fact));
function modPow(b, e, m) { let r = 1n; b %= m; while (e > 0n) { if (e & 1n) r = (r * b) % m; e >>= 1n; b = (b * b) % m; } return r; }
console.log(modPow(2n, 1000n, 1000000007n), modPow(3n, 200n, 13n));
console.log(7n / 2n, -7n / 2n, 7n % 3n, -7n % 3n, 2n ** 64n - 1n, -(2n ** 63n));
console.log(BigInt(Number.MAX_SAFE_INTEGER) + 2n, BigInt('123456789012345678901234567890'), BigInt.asUintN(8, 257n), BigInt.asIntN(8, 255n));
console.log(typeof 1n, 1n == 1, 1n === 1, 2n > 1, 0n ? 'truthy' : 'falsy', 10n.toString(2), (255n).toString(16));
console.log(Number(2n ** 60n), parseInt('9007199254740993'), BigInt(9007199254740993), String(2n ** 100n));
console.log([3n, 1n, 2n, 10n].sort(), [3n, 1n, 2n, 10n].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
console.log({ id: 2n ** 70n, list: [1n, -1n] }, JSON.stringify({ v: (5n).toString() }));
function collatz(n) { let steps = 0n; while (n !== 1n) { n = n % 2n ? 3n * n + 1n : n / 2n; steps++; } return steps; }
console.log(collatz(27n), collatz(2n ** 50n));
const digitsSum = (n) => [...n.toString()].reduce((s, d) => s + Number(d), 0);
console.log(digitsSum(2n ** 1000n), digitsSum(fact(100n)));
try { BigInt(1.5); } catch (e) { console.log(e.name); }
try { Math.max(1n); } catch (e) { console.log(e.name); }
console.log(BigInt.prototype.toLocaleString === undefined, 0n === -0n, Object.is(0n, -0n), (-0n).toString());
const fibs = [0n, 1n]; while (fibs.length < 100) fibs.push(fibs.at(-1) + fibs.at(-2));
console.log(fibs.at(-1), fibs.slice(0, 12));
