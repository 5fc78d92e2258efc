const id = Symbol('id');
const global1 = Symbol.for('app.key');
console.log(id.toString(), id.description, Symbol().description, global1 === Symbol.for('app.key'), Symbol.keyFor(global1), Symbol.keyFor(id));
const user = { name: 'x', [id]: 123, [global1]: 'g' };
console.log(user, Object.keys(user), JSON.stringify(user), user[id]);
console.log(Object.getOwnPropertySymbols(user), Reflect.ownKeys(user));
const HIDDEN = Symbol('hidden');
class Registry {
  constructor() { this[HIDDEN] = new Map(); }
  register(k, v) { this[HIDDEN].set(k, v); return this; }
  *[Symbol.iterator]() { yield* this[HIDDEN]; }
  get [Symbol.toStringTag]() { return 'Registry'; }
}
const r = new Registry().register('a', 1).register('b', 2);
console.log(r, [...r], String(r));
const enumLike = Object.freeze({ RED: Symbol('red'), GREEN: Symbol('green') });
console.log(enumLike, enumLike.RED === enumLike.RED, typeof enumLike.GREEN);
const describe = (c) => ({ [enumLike.RED]: 'stop', [enumLike.GREEN]: 'go' })[c];
console.log(describe(enumLike.RED), describe(enumLike.GREEN), describe(Symbol('red')));
try { `${id}`; } catch (e) { console.log(e.name); }
try { id + ''; } catch (e) { console.log(e.name); }
console.log(String(id), [id].join === undefined, Object(id) instanceof Symbol);
const sIter = { from: 1, to: 4, [Symbol.iterator]: function* () { for (let i = this.from; i <= this.to; i++) yield i; } };
console.log([...sIter], Array.from(sIter).reverse());
const sp = { [Symbol.isConcatSpreadable]: true, length: 2, 0: 'x', 1: 'y' };
console.log([1].concat(sp), [1].concat([2, [3]]));
const replacer = { [Symbol.replace]: (s, r) => `[${s}] -> ${r}` };
console.log('abc'.replace(replacer, 'R'));
console.log(Symbol.iterator in [], Symbol.asyncIterator.toString(), typeof Symbol.for);
console.log(new Map([[id, 'symbol-keyed map entry']]), new Set([Symbol.for('s')]));
