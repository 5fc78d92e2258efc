function named(a, b) { return a + b; }
const arrow = (x) => x * 2;
const anon = function () {};
async function asyncFn() {}
function* gen() { yield 1; }
async function* agen() {}
const bound = named.bind(null, 1);
console.log(named, arrow, anon);
console.log(asyncFn, gen, agen);
console.log(bound, bound.name, bound.length, bound(2));
console.log([named, arrow]);
console.log({ method() {}, arrowProp: () => {}, fnProp: function () {} });
console.log({ named });
named.extra = 42;
console.log(named);
console.log(Math.max, Array.prototype.push, console.log.name);
console.log(named.toString());
console.log(arrow.toString());
console.log(String((a, b) => { return a - b; }));
console.log(typeof named, named.length, named.name, arrow.name, anon.name);
class K { static s() {} m() {} }
console.log(K.s, K.prototype.m, Object.getOwnPropertyNames(K.prototype));
console.log(new Function('a', 'return a').name);
console.log(Symbol.prototype.toString.name, Function.prototype);
