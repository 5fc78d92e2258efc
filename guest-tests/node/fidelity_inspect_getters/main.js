// util.inspect with getters and showHidden: the values of getters, and what an object's own
// classes define, shown after its own properties as Node shows them.
const util = require('util');
class X { constructor() { this._y = 123; this.o = { a: 1 }; } get y() { return this._y; } get obj() { return this.o; } get nul() { return null; } set only(v) {} }
console.log(util.inspect(new X(), { getters: true }));
console.log(util.inspect(new X(), { getters: true, showHidden: true }));
console.log(util.inspect(new X(), { showHidden: true }));
console.log(util.inspect(new Map([[1, 2]]), { showHidden: true }));
console.log(util.inspect([1, 2], { showHidden: true }));
class Y extends X { get z() { return 1; } }
console.log(util.inspect(new Y(), { showHidden: true, getters: 'get' }));
