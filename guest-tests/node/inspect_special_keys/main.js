const sym = Symbol('tag');
const obj = {
  normal: 1,
  'a-b': 2,
  $x: 3,
  _y: 4,
  '1abc': 5,
  123: 6,
  'with space': 7,
  '': 8,
  'ünï': 9,
  [sym]: 'symbol value',
  [Symbol()]: 'anon',
  [Symbol.iterator]: 'well-known',
  'quote\'s': 10,
};
console.log(obj);
console.log(Object.keys(obj));
console.log(Object.getOwnPropertySymbols(obj).length);
const bare = Object.create(null);
bare.x = 1;
bare.y = { z: 2 };
console.log(bare);
console.log(Object.create(null));
const protoObj = Object.create({ inherited: true });
protoObj.own = 1;
console.log(protoObj, protoObj.inherited);
const hidden = {};
Object.defineProperty(hidden, 'invisible', { value: 42, enumerable: false });
hidden.visible = 1;
console.log(hidden, hidden.invisible);
const withAccessors = {
  get onlyGet() { return 1; },
  set onlySet(v) {},
  get both() { return 2; },
  set both(v) {},
};
console.log(withAccessors);
console.log({ 'key-with-dash': { 'nested-key': ['v'] } });
console.log(new Map([[sym, 1]]), [sym]);
console.log({ __proto__: null, a: 1 });
console.log({ constructor: 'str' });
