function lcs(a, b) {
  const dp = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  let i = a.length, j = b.length, s = '';
  while (i && j) {
    if (a[i - 1] === b[j - 1]) { s = a[i - 1] + s; i--; j--; }
    else if (dp[i - 1][j] >= dp[i][j - 1]) i--; else j--;
  }
  return { length: dp[a.length][b.length], seq: s, table: dp };
}
const r = lcs('ABCBDAB', 'BDCABA');
console.log(r.length, r.seq);
console.log(r.table);
function editDistance(a, b) {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return dp[a.length][b.length];
}
for (const [a, b] of [['kitten', 'sitting'], ['horse', 'ros'], ['', 'abc'], ['same', 'same']]) console.log(`${a} -> ${b}: ${editDistance(a, b)}`);
function lis(nums) {
  const tails = [];
  for (const n of nums) { let lo = 0, hi = tails.length; while (lo < hi) { const m = (lo + hi) >> 1; if (tails[m] < n) lo = m + 1; else hi = m; } tails[lo] = n; }
  return tails.length;
}
console.log(lis([10, 9, 2, 5, 3, 7, 101, 18]), lis([0, 1, 0, 3, 2, 3]), lis([7, 7, 7]));
function longestPalSub(s) {
  let best = '';
  for (let c = 0; c < s.length; c++) for (const [l0, r0] of [[c, c], [c, c + 1]]) { let l = l0, r = r0; while (l >= 0 && s[l] === s[r]) { l--; r++; } if (r - l - 1 > best.length) best = s.slice(l + 1, r); }
  return best;
}
console.log(['babad', 'cbbd', 'forgeeksskeegfor', 'a'].map(longestPalSub));
function maxSubarray(nums) { let best = -Infinity, cur = 0, s = 0, bs = 0, be = 0; nums.forEach((n, i) => { if (cur <= 0) { cur = n; s = i; } else cur += n; if (cur > best) { best = cur; bs = s; be = i; } }); return { best, slice: nums.slice(bs, be + 1) }; }
console.log(maxSubarray([-2, 1, -3, 4, -1, 2, 1, -5, 4]));
