const orders = [
  { id: 1, customer: 'ann', items: [{ sku: 'A', qty: 2, price: 9.5 }, { sku: 'B', qty: 1, price: 20 }], status: 'shipped' },
  { id: 2, customer: 'bob', items: [{ sku: 'A', qty: 1, price: 9.5 }], status: 'pending' },
  { id: 3, customer: 'ann', items: [{ sku: 'C', qty: 5, price: 2.25 }], status: 'shipped' },
  { id: 4, customer: 'cy', items: [], status: 'cancelled' },
];
const totals = orders.map((o) => ({ id: o.id, total: o.items.reduce((s, i) => s + i.qty * i.price, 0) }));
console.log(totals);
console.log(orders.filter((o) => o.status === 'shipped').map((o) => o.id));
console.log(orders.flatMap((o) => o.items.map((i) => i.sku)));
console.log([...new Set(orders.flatMap((o) => o.items.map((i) => i.sku)))].sort());
console.log(orders.find((o) => o.customer === 'bob'), orders.findLast((o) => o.customer === 'ann').id, orders.find((o) => o.id === 99));
console.log(orders.some((o) => o.items.length === 0), orders.every((o) => o.id > 0));
const byCustomer = orders.reduce((acc, o) => { acc[o.customer] = (acc[o.customer] || 0) + o.items.length; return acc; }, {});
console.log(byCustomer);
const skuQty = orders.flatMap((o) => o.items).reduce((m, { sku, qty }) => m.set(sku, (m.get(sku) ?? 0) + qty), new Map());
console.log(skuQty);
console.log([1, 2, 3, 4, 5].reduceRight((acc, x) => acc + x, ''), [[1, 2], [3]].reduce((a, b) => a.concat(b)));
console.log(Array.from({ length: 5 }, (_, i) => i ** 2), Array.from(new Map([[1, 2]]).keys()), Array.from('abc', (c) => c.toUpperCase()));
const arr = [5, 1, 4];
console.log(arr.slice().reverse(), arr, arr.indexOf(4), arr.lastIndexOf(9), arr.join('-'), arr.at(-1), arr.at(10));
const spliced = [1, 2, 3, 4, 5]; const removed = spliced.splice(1, 2, 'a', 'b', 'c');
console.log(spliced, removed);
console.log([1, 2, 3, 4, 5].copyWithin(0, 3), new Array(4).fill(0).fill(7, 1, 3), [3, 1, 2].with ? [3, 1, 2].with(0, 9) : 'no with');
console.log([1, [2, [3, [4]]]].flat(2), ['a b', 'c'].flatMap((s) => s.split(' ')), [0, 1, 2].entries().next());
console.log([..."hello"].map((c, i, a) => a[a.length - 1 - i]).join(''), Array.prototype.map.call('abc', (c) => c + c));
const chunk = (a, n) => Array.from({ length: Math.ceil(a.length / n) }, (_, i) => a.slice(i * n, i * n + n));
console.log(chunk([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 3));
const zip = (...as) => as[0].map((_, i) => as.map((a) => a[i]));
console.log(zip([1, 2, 3], ['a', 'b', 'c'], [true, false, null]));
const partition = (a, f) => a.reduce(([y, n], x) => (f(x) ? [[...y, x], n] : [y, [...n, x]]), [[], []]);
console.log(partition([1, 2, 3, 4, 5, 6, 7, 8, 9], (x) => x % 3 === 0));
console.log([3, 20, 100].sort(), ['B', 'a', 'C'].sort(), [true, false].sort(), [undefined, 3, null, 1].sort());
console.log(Array.isArray([]), Array.isArray({ length: 0 }), Array.from({ length: 3, 0: 'x', 2: 'z' }), [,'a'].findIndex((x) => x === undefined));
console.log([1, 2, 3].includes('2'), [1, 2, 3].keys(), [...[7, 8].keys()], Object.entries(['p', 'q']));
