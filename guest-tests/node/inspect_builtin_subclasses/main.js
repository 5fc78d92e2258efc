class Stack extends Array {
  peek() { return this[this.length - 1]; }
}
const s = Stack.from([1, 2, 3]);
s.push(4);
console.log(s, s.peek(), s.length, Array.isArray(s), s instanceof Stack);
console.log(s.map((x) => x * 2) instanceof Stack, s.filter((x) => x > 2));
class DefaultMap extends Map {
  constructor(factory, entries) { super(entries); this.factory = factory; }
  get(k) { if (!this.has(k)) this.set(k, this.factory()); return super.get(k); }
}
const dm = new DefaultMap(() => []);
dm.get('a').push(1); dm.get('a').push(2); dm.get('b').push(3);
console.log(dm);
class TaggedSet extends Set { get [Symbol.toStringTag]() { return 'Tagged'; } }
console.log(new TaggedSet([1, 2]));
class Custom { get [Symbol.toStringTag]() { return 'CustomTag'; } }
console.log(new Custom(), Object.prototype.toString.call(new Custom()), String(new Custom()));
const tagged = { [Symbol.toStringTag]: 'Plain', x: 1 };
console.log(tagged);
class Money {
  constructor(cents) { this.cents = cents; }
  [Symbol.toPrimitive](hint) { return hint === 'number' ? this.cents / 100 : hint === 'string' ? `$${(this.cents / 100).toFixed(2)}` : this.cents; }
}
const m = new Money(1250);
console.log(+m, `${m}`, m + 1, m * 2, String(m), [m] + '', m > 10);
class Even { static [Symbol.hasInstance](n) { return n % 2 === 0; } }
console.log(2 instanceof Even, 3 instanceof Even);
const noCtor = Object.create(null); noCtor.a = 1;
const fakeProto = Object.create(Object.create(null));
fakeProto.b = 2;
console.log(noCtor, fakeProto);
function OldStyle(x) { this.x = x; }
OldStyle.prototype.getX = function () { return this.x; };
console.log(new OldStyle(5), new OldStyle(5).getX());
class Empty extends null { constructor() { return Object.create(Empty.prototype); } }
console.log(Object.getPrototypeOf(Empty.prototype));
const errLike = class HttpError extends Error {};
console.log(new errLike('x').name, errLike.name, Object.getPrototypeOf(errLike) === Error);
class Vec { constructor(...c) { this.c = c; } *[Symbol.iterator]() { yield* this.c; } get length() { return this.c.length; } }
console.log(new Vec(1, 2, 3), [...new Vec(4, 5)], new Vec().length);
