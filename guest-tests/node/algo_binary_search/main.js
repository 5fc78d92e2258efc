function binarySearch(arr, target) {
  let lo = 0, hi = arr.length - 1, steps = 0;
  while (lo <= hi) {
    steps++;
    const mid = (lo + hi) >>> 1;
    if (arr[mid] === target) return { index: mid, steps };
    if (arr[mid] < target) lo = mid + 1; else hi = mid - 1;
  }
  return { index: -1, steps };
}
const arr = Array.from({ length: 64 }, (_, i) => i * 3);
console.log(arr);
for (const t of [0, 3, 93, 189, 190, -1, 45]) console.log(t, binarySearch(arr, t));
function lowerBound(a, x) { let lo = 0, hi = a.length; while (lo < hi) { const m = (lo + hi) >> 1; if (a[m] < x) lo = m + 1; else hi = m; } return lo; }
const dup = [1, 2, 2, 2, 3, 5, 5, 8];
console.log(dup.map((_, i) => i), [2, 4, 5, 9, 0].map((x) => lowerBound(dup, x)));
function searchRotated(a, t) {
  let lo = 0, hi = a.length - 1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1; if (a[m] === t) return m;
    if (a[lo] <= a[m]) { if (a[lo] <= t && t < a[m]) hi = m - 1; else lo = m + 1; }
    else { if (a[m] < t && t <= a[hi]) lo = m + 1; else hi = m - 1; }
  }
  return -1;
}
console.log([0, 3, 7, 4, 9].map((t) => searchRotated([4, 5, 6, 7, 0, 1, 2], t)));
function isqrt(n) { let lo = 0, hi = n; while (lo < hi) { const m = Math.ceil((lo + hi) / 2); if (m * m <= n) lo = m; else hi = m - 1; } return lo; }
console.log([0, 1, 8, 16, 99, 1000000].map(isqrt));
function firstBad(n, bad) { let lo = 1, hi = n; while (lo < hi) { const m = lo + Math.floor((hi - lo) / 2); if (m >= bad) hi = m; else lo = m + 1; } return lo; }
console.log(firstBad(100, 37), firstBad(1, 1));
console.log([1, 3, 5].indexOf(3), [1, 3, 5].findIndex((x) => x > 3), [1, 3, 5].findLastIndex((x) => x < 5), [1, 3, 5].includes(NaN), [NaN].includes(NaN), [NaN].indexOf(NaN));
