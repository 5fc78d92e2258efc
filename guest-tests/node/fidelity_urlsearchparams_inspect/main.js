// URLSearchParams as Node 20 shows it: its iterators (live, and inspected with what is left),
// its own line breaking, and util.inspect's getters and showHidden.
const util = require('util');
const p = new URLSearchParams('a=1&b=2&a=3');
console.log(p.entries());
console.log(p.keys(), p.values());
console.log(util.inspect(p[Symbol.iterator]()));
const it = p.keys(); it.next();
console.log(it);
console.log([...p.values()]);
console.log(util.inspect(p, { breakLength: 10 }));
console.log(new URLSearchParams());
const o = { get g() { return 5; }, set s(v) {} , get gs() { return 1; }, set gs(v) {} };
console.log(util.inspect(o, { getters: true }), util.inspect(o, { showHidden: true }));
console.log(util.inspect(Object.defineProperty({}, 'hidden', { value: 1, enumerable: false }), { showHidden: true }));
const live = new URLSearchParams('x=1');
const walker = live.keys();
live.append('y', '2');
console.log([...walker], Object.prototype.toString.call(live.values()), typeof walker[Symbol.iterator]);
console.log(new URLSearchParams('a=1').entries().next(), util.inspect(new URLSearchParams('').keys()));
for (const [k, v] of new URLSearchParams('p=1&q=2')) console.log(k, v);
