function twoSum(nums, target) {
  const seen = new Map();
  for (let i = 0; i < nums.length; i++) {
    const need = target - nums[i];
    if (seen.has(need)) return [seen.get(need), i];
    seen.set(nums[i], i);
  }
  return null;
}
console.log(twoSum([2, 7, 11, 15], 9), twoSum([3, 2, 4], 6), twoSum([1, 2], 7));
function threeSum(nums) {
  const a = [...nums].sort((x, y) => x - y), out = [];
  for (let i = 0; i < a.length - 2; i++) {
    if (i && a[i] === a[i - 1]) continue;
    let l = i + 1, r = a.length - 1;
    while (l < r) { const s = a[i] + a[l] + a[r]; if (s === 0) { out.push([a[i], a[l], a[r]]); while (a[l] === a[l + 1]) l++; l++; r--; } else if (s < 0) l++; else r--; }
  }
  return out;
}
console.log(threeSum([-1, 0, 1, 2, -1, -4]));
function groupAnagrams(words) {
  const m = {};
  for (const w of words) (m[[...w].sort().join('')] ??= []).push(w);
  return m;
}
console.log(groupAnagrams(['eat', 'tea', 'tan', 'ate', 'nat', 'bat']));
function topK(nums, k) {
  const freq = nums.reduce((m, n) => m.set(n, (m.get(n) || 0) + 1), new Map());
  return [...freq].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
}
console.log(topK([1, 1, 1, 2, 2, 3, 4, 4, 4, 4], 2));
function longestConsecutive(nums) {
  const s = new Set(nums); let best = 0;
  for (const n of s) if (!s.has(n - 1)) { let len = 1; while (s.has(n + len)) len++; best = Math.max(best, len); }
  return best;
}
console.log(longestConsecutive([100, 4, 200, 1, 3, 2]));
function subarraySum(nums, k) { const pre = new Map([[0, 1]]); let sum = 0, c = 0; for (const n of nums) { sum += n; c += pre.get(sum - k) || 0; pre.set(sum, (pre.get(sum) || 0) + 1); } return c; }
console.log(subarraySum([1, 1, 1], 2), subarraySum([1, 2, 3, -3, 3], 3));
const counter = {};
for (const w of 'the cat and the hat and the bat'.split(' ')) counter[w] = (counter[w] ?? 0) + 1;
console.log(counter);
console.log(Object.groupBy ? 'has groupBy' : 'no groupBy');
function containsDup(nums, k) { const last = {}; return nums.some((n, i) => { const r = n in last && i - last[n] <= k; last[n] = i; return r; }); }
console.log(containsDup([1, 2, 3, 1], 3), containsDup([1, 2, 3, 1, 2, 3], 2));
