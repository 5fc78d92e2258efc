const target = { name: 'target', count: 0 };
const log = [];
const handler = {
  get(t, prop, receiver) { log.push(`get ${String(prop)}`); return prop in t ? Reflect.get(t, prop, receiver) : `<no ${String(prop)}>`; },
  set(t, prop, value) { log.push(`set ${prop}=${value}`); if (prop === 'count' && value < 0) return false; return Reflect.set(t, prop, value); },
  has(t, prop) { return !prop.startsWith('_') && prop in t; },
  deleteProperty(t, prop) { log.push(`delete ${prop}`); return delete t[prop]; },
  ownKeys(t) { return Reflect.ownKeys(t).filter((k) => k !== 'secret'); },
};
const p = new Proxy(target, handler);
p.count = 5;
console.log(p.name, p.count, p.unknown);
p.secret = 's'; p._hidden = 1;
console.log('name' in p, '_hidden' in p, Object.keys(p));
delete p.name;
console.log(log);
console.log(target);
'use strict';
const validator = new Proxy({}, { set(t, k, v) { if (k === 'age' && !Number.isInteger(v)) throw new TypeError(`age must be an integer, got ${v}`); t[k] = v; return true; } });
validator.age = 30;
try { validator.age = 'old'; } catch (e) { console.log(e.message); }
console.log(validator.age);
const negIndex = (arr) => new Proxy(arr, { get: (t, k, r) => (typeof k === 'string' && /^-\d+$/.test(k) ? t[t.length + Number(k)] : Reflect.get(t, k, r)) });
const na = negIndex([10, 20, 30]);
console.log(na[-1], na[-3], na[0], na.length);
const fnProxy = new Proxy(function add(a, b) { return a + b; }, { apply(t, thisArg, args) { return t(...args) * 10; }, construct(t, args) { return { constructed: args }; } });
console.log(fnProxy(1, 2), new fnProxy('x'));
console.log(Reflect.ownKeys({ b: 1, a: 2, 1: 'one', [Symbol('s')]: 0 }));
console.log(Reflect.has({ x: 1 }, 'x'), Reflect.getPrototypeOf([]) === Array.prototype, Reflect.apply(Math.max, null, [1, 7, 3]));
console.log(Reflect.construct(Date, [0]).toISOString(), Reflect.defineProperty({}, 'x', { value: 1 }));
const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
console.log(proxy.a); revoke();
try { proxy.a; } catch (e) { console.log(e.name); }
const observed = []; const watch = (o) => new Proxy(o, { set(t, k, v) { observed.push([k, t[k], v]); t[k] = v; return true; } });
const state = watch({ x: 1 }); state.x = 2; state.y = 3; state.x++;
console.log(observed);
