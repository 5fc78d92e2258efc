const nums = [10, 1, 5, 100, 25, 2, 33, -4, 0];
console.log([...nums].sort());
console.log([...nums].sort((a, b) => a - b));
console.log([...nums].sort((a, b) => b - a));
const people = [
  { name: 'Zoe', age: 25 }, { name: 'adam', age: 30 }, { name: 'Bob', age: 25 },
  { name: 'carl', age: 19 }, { name: 'Dana', age: 30 },
];
console.log([...people].sort((a, b) => a.age - b.age || a.name.localeCompare(b.name)));
console.log(people.map((p) => p.name).sort());
console.log(people.map((p) => p.name).sort((a, b) => a.toLowerCase() < b.toLowerCase() ? -1 : 1));
const stable = [['b', 1], ['a', 1], ['c', 0], ['d', 1], ['e', 0]];
console.log(stable.sort((x, y) => x[1] - y[1]).map((p) => p[0]).join(''));
function quickSort(a) { if (a.length < 2) return a; const [p, ...r] = a; return [...quickSort(r.filter((x) => x < p)), p, ...quickSort(r.filter((x) => x >= p))]; }
function mergeSort(a) {
  if (a.length < 2) return a; const m = a.length >> 1; const l = mergeSort(a.slice(0, m)), r = mergeSort(a.slice(m)); const out = [];
  while (l.length && r.length) out.push(l[0] <= r[0] ? l.shift() : r.shift());
  return [...out, ...l, ...r];
}
function bubble(a) { a = [...a]; let swaps = 0; for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length - 1 - i; j++) if (a[j] > a[j + 1]) { [a[j], a[j + 1]] = [a[j + 1], a[j]]; swaps++; } return { a, swaps }; }
console.log(quickSort(nums));
console.log(mergeSort(nums));
console.log(bubble(nums));
const big = Array.from({ length: 40 }, (_, i) => (i * 7919) % 101);
console.log(big.sort((a, b) => a - b));
console.log(['b', undefined, 'a', , 'c'].sort());
console.log([3, 1, 2].toSorted ? 'toSorted' : 'no toSorted', [3, 1, 2].toSorted?.());
const counts = { x: 3, y: 1, z: 2 };
console.log(Object.entries(counts).sort(([, a], [, b]) => b - a));
console.log(['10', '9', '1', '100'].sort((a, b) => a.length - b.length || a.localeCompare(b)));
