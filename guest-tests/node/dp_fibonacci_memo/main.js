function fibNaive(n) { return n < 2 ? n : fibNaive(n - 1) + fibNaive(n - 2); }
const memo = new Map();
function fibMemo(n) {
  if (n < 2) return n;
  if (memo.has(n)) return memo.get(n);
  const v = fibMemo(n - 1) + fibMemo(n - 2);
  memo.set(n, v);
  return v;
}
function fibBig(n) { let a = 0n, b = 1n; for (let i = 0; i < n; i++) [a, b] = [b, a + b]; return a; }
console.log(Array.from({ length: 20 }, (_, i) => fibNaive(i)));
console.log(fibMemo(50), fibMemo(78), fibMemo(79), fibMemo(90));
console.log(fibBig(100), fibBig(200).toString().length);
console.log(memo.size);
const memoize = (fn) => { const cache = {}; return (...args) => { const k = JSON.stringify(args); if (!(k in cache)) cache[k] = fn(...args); return cache[k]; }; };
const gridPaths = memoize((r, c) => (r === 1 || c === 1 ? 1 : gridPaths(r - 1, c) + gridPaths(r, c - 1)));
console.log(gridPaths(3, 3), gridPaths(10, 10), gridPaths(18, 18));
function climbStairs(n) { const dp = [1, 1]; for (let i = 2; i <= n; i++) dp[i] = dp[i - 1] + dp[i - 2]; return dp; }
console.log(climbStairs(15));
function coinChange(coins, amount) {
  const dp = new Array(amount + 1).fill(Infinity); dp[0] = 0;
  for (let a = 1; a <= amount; a++) for (const c of coins) if (c <= a) dp[a] = Math.min(dp[a], dp[a - c] + 1);
  return dp[amount] === Infinity ? -1 : dp[amount];
}
console.log(coinChange([1, 2, 5], 11), coinChange([2], 3), coinChange([1, 5, 10, 25], 63));
function ways(coins, amount) { const dp = Array(amount + 1).fill(0); dp[0] = 1; for (const c of coins) for (let a = c; a <= amount; a++) dp[a] += dp[a - c]; return dp; }
console.log(ways([1, 2, 5], 12));
console.log(Number.MAX_SAFE_INTEGER < fibMemo(79), 2 ** 64, 2n ** 64n);
