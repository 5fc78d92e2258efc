const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function deepMerge(a, b) { const out = { ...a }; for (const [k, v] of Object.entries(b)) out[k] = isObj(v) && isObj(a[k]) ? deepMerge(a[k], v) : v; return out; }
const defaults = { server: { port: 80, host: 'localhost', tls: { on: false } }, debug: false, plugins: ['a'] };
const overrides = { server: { port: 8080, tls: { on: true, cert: 'x.pem' } }, plugins: ['b'], extra: 1 };
console.log(deepMerge(defaults, overrides));
function deepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
}
console.log(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), deepEqual({ a: 1 }, { a: 1, b: undefined }), deepEqual([NaN], [NaN]), deepEqual([], {}));
function deepClone(v, seen = new WeakMap()) {
  if (typeof v !== 'object' || v === null) return v;
  if (seen.has(v)) return seen.get(v);
  const out = Array.isArray(v) ? [] : {}; seen.set(v, out);
  for (const k of Object.keys(v)) out[k] = deepClone(v[k], seen);
  return out;
}
const orig = { a: { b: [1, 2] } }; orig.self = orig;
const cl = deepClone(orig);
console.log(cl, cl.self === cl, cl.a !== orig.a);
const flattenObj = (o, p = '') => Object.entries(o).reduce((acc, [k, v]) => (isObj(v) ? { ...acc, ...flattenObj(v, p + k + '.') } : { ...acc, [p + k]: v }), {});
console.log(flattenObj(defaults));
const unflatten = (f) => Object.entries(f).reduce((acc, [path, v]) => { path.split('.').reduce((o, k, i, arr) => (o[k] ??= i === arr.length - 1 ? v : {}), acc); return acc; }, {});
console.log(unflatten({ 'a.b.c': 1, 'a.b.d': 2, 'a.e': 3, f: 4 }));
const pick = (o, ...ks) => Object.fromEntries(ks.filter((k) => k in o).map((k) => [k, o[k]]));
const omit = (o, ...ks) => Object.fromEntries(Object.entries(o).filter(([k]) => !ks.includes(k)));
console.log(pick(defaults, 'debug', 'nope'), omit(defaults, 'server'));
const inventory = [{ name: 'asparagus', type: 'veg', qty: 5 }, { name: 'banana', type: 'fruit', qty: 0 }, { name: 'goat', type: 'meat', qty: 23 }, { name: 'cherry', type: 'fruit', qty: 5 }];
const grouped = inventory.reduce((g, item) => ((g[item.type] ??= []).push(item.name), g), {});
console.log(grouped);
console.log(Object.entries(grouped).map(([k, v]) => `${k}: ${v.join('/')}`));
console.log(Object.assign({}, { a: 1 }, null, { b: 2 }, 'xy'), Object.entries('hi'), Object.values({ x: [1], y: 'z' }));
const o = { b: 1, a: 2, 10: 'ten', 2: 'two', [Symbol('s')]: 3, '-1': 'neg' };
console.log(Object.keys(o), JSON.stringify(o));
const invert = (obj) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [v, k]));
console.log(invert({ a: 'x', b: 'y', c: 'x' }));
console.log(Object.getOwnPropertyNames('ab'), Object.keys([4, 5]), Object.hasOwn({ z: 1 }, 'z'), 'toString' in {}, Object.hasOwn({}, 'toString'));
