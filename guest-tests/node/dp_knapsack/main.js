const items = [
  { name: 'map', weight: 9, value: 150 },
  { name: 'compass', weight: 13, value: 35 },
  { name: 'water', weight: 153, value: 200 },
  { name: 'sandwich', weight: 50, value: 160 },
  { name: 'glucose', weight: 15, value: 60 },
  { name: 'tin', weight: 68, value: 45 },
  { name: 'banana', weight: 27, value: 60 },
  { name: 'apple', weight: 39, value: 40 },
];
function knapsack(items, cap) {
  const n = items.length;
  const dp = Array.from({ length: n + 1 }, () => new Array(cap + 1).fill(0));
  for (let i = 1; i <= n; i++) {
    const { weight, value } = items[i - 1];
    for (let w = 0; w <= cap; w++) {
      dp[i][w] = dp[i - 1][w];
      if (weight <= w) dp[i][w] = Math.max(dp[i][w], dp[i - 1][w - weight] + value);
    }
  }
  const chosen = [];
  for (let i = n, w = cap; i > 0; i--) if (dp[i][w] !== dp[i - 1][w]) { chosen.push(items[i - 1]); w -= items[i - 1].weight; }
  return { best: dp[n][cap], chosen: chosen.reverse() };
}
const res = knapsack(items, 200);
console.log(res);
console.log(res.chosen.map((i) => i.name).join(', '), res.chosen.reduce((s, i) => s + i.weight, 0));
function tiny(ws, vs, cap) {
  const dp = new Array(cap + 1).fill(0);
  ws.forEach((w, i) => { for (let c = cap; c >= w; c--) dp[c] = Math.max(dp[c], dp[c - w] + vs[i]); });
  return dp;
}
console.log(tiny([1, 3, 4, 5], [1, 4, 5, 7], 7));
function subsetSum(nums, target) { const can = new Set([0]); for (const n of nums) for (const s of [...can]) can.add(s + n); return can.has(target); }
console.log(subsetSum([3, 34, 4, 12, 5, 2], 9), subsetSum([3, 34, 4, 12, 5, 2], 30));
function partition(nums) { const total = nums.reduce((a, b) => a + b); return total % 2 === 0 && subsetSum(nums, total / 2); }
console.log(partition([1, 5, 11, 5]), partition([1, 2, 3, 5]));
