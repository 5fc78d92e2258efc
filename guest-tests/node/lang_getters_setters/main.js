class Temperature {
  #celsius = 0;
  static #instances = 0;
  constructor(c) { this.#celsius = c; Temperature.#instances++; }
  get fahrenheit() { return this.#celsius * 9 / 5 + 32; }
  set fahrenheit(f) { this.#celsius = (f - 32) * 5 / 9; }
  get celsius() { return this.#celsius; }
  set celsius(v) { if (typeof v !== 'number') throw new TypeError('celsius must be a number'); this.#celsius = v; }
  static get instances() { return Temperature.#instances; }
  #format() { return `${this.#celsius.toFixed(1)}°C`; }
  toString() { return this.#format(); }
  static isTemp(o) { return #celsius in o; }
}
const t = new Temperature(25);
console.log(t.fahrenheit, t.celsius, String(t));
t.fahrenheit = 212;
console.log(t.celsius, `${t}`);
try { t.celsius = 'hot'; } catch (e) { console.log(e.name, e.message); }
new Temperature(0);
console.log(Temperature.instances, Temperature.isTemp(t), Temperature.isTemp({}));
console.log(t, Object.keys(t), JSON.stringify(t));
const obj = {
  _v: 1, log: [],
  get v() { this.log.push('get'); return this._v; },
  set v(x) { this.log.push(`set ${x}`); this._v = x; },
};
obj.v = obj.v + 10;
console.log(obj.v, obj.log);
console.log(obj);
const desc = Object.getOwnPropertyDescriptor(obj, 'v');
console.log(typeof desc.get, typeof desc.set, desc.enumerable, desc.configurable);
const frozen = Object.freeze({ a: 1, nested: { b: 2 } });
frozen.a = 99; frozen.nested.b = 3;
console.log(frozen, Object.isFrozen(frozen), Object.isFrozen(frozen.nested));
'use strict';
const sealed = Object.seal({ s: 1 }); sealed.s = 2; sealed.t = 3; delete sealed.s;
console.log(sealed, Object.isSealed(sealed));
const counter = Object.defineProperties({}, { count: { value: 0, writable: true, enumerable: true }, double: { get() { return this.count * 2; }, enumerable: true } });
counter.count = 21;
console.log(counter.double, counter);
class Base { get kind() { return 'base'; } }
class Derived extends Base { get kind() { return 'derived/' + super.kind; } }
console.log(new Derived().kind);
