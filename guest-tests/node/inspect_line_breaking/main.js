// Objects switch from one line to multi-line around 72/80 columns.
for (let n = 1; n <= 8; n++) {
  const o = {};
  for (let i = 0; i < n; i++) o['key' + i] = 'val' + i;
  console.log(o);
}
for (const len of [50, 60, 66, 70, 72, 74, 76, 80]) console.log({ s: 'x'.repeat(len - 10) });
console.log({ a: [1, 2, 3], b: { c: 'four', d: [5, 6] }, e: 'seven eight nine ten', f: 11 });
console.log({ user: { name: 'Alexandra', email: 'alexandra@example.com', roles: ['admin', 'editor', 'viewer'] } });
console.log([{ a: 1, b: 2 }, { a: 3, b: 4 }, { a: 5, b: 6 }]);
console.log([{ name: 'first item', value: 100 }, { name: 'second item', value: 200 }, { name: 'third', value: 3 }]);
console.log(['short', 'strings', 'that', 'fit'], ['but these strings are quite a bit longer', 'and will not fit on one line together']);
console.log({ fn: function namedFunction() {}, arrow: () => {}, cls: class Klass {}, sym: Symbol('s'), re: /r/g, d: new Date(0) });
console.log(new Map([['alpha', 1], ['beta', 2], ['gamma', 3], ['delta', 4], ['epsilon', 5], ['zeta', 6]]));
console.log(new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota']));
console.log('label:', { a: 1 }, 'another label:', [1, 2], 'x'.repeat(40));
console.log({ nested: { arr: [[1, 2, [3, 4, [5]]]], obj: { x: { y: { z: 1 } } } } });
console.log({ matrix: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] });
console.log(Array.from({ length: 4 }, (_, i) => ({ id: i, label: `item-${i}`, tags: ['t' + i] })));
