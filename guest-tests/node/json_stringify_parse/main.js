const data = {
  id: 7, name: 'Widget', tags: ['a', 'b'], price: 9.99, active: true, missing: undefined,
  nothing: null, nested: { deep: { deeper: [1, { x: 2 }] } }, fn() {}, sym: Symbol('s'),
  date: new Date(0), nan: NaN, inf: -Infinity, neg0: -0, empty: {}, emptyArr: [],
};
console.log(JSON.stringify(data));
console.log(JSON.stringify(data, null, 2));
console.log(JSON.stringify(data, ['id', 'name', 'nested', 'deep'], '\t'));
console.log(JSON.stringify(data, (k, v) => (typeof v === 'number' ? v * 2 : v), 1));
console.log(JSON.stringify([undefined, function () {}, Symbol('x')]));
console.log(JSON.stringify({ a: [1, 2, 3] }, null, '--'));
console.log(JSON.stringify('he said "hi"\n'), JSON.stringify(42), JSON.stringify(null), JSON.stringify(undefined));
console.log(JSON.stringify({ toJSON() { return { custom: true }; } }));
console.log(JSON.stringify(new Map([[1, 2]])), JSON.stringify(new Set([1])), JSON.stringify([new Int8Array(2)]));
console.log(JSON.stringify({ a: 1 }, null, 20).split('\n')[1].length);
try { JSON.stringify({ b: 1n }); } catch (e) { console.log(e.name); }
const text = '{"users":[{"name":"Ann","age":31},{"name":"Bob","age":27}],"count":2,"ok":true}';
const parsed = JSON.parse(text);
console.log(parsed);
console.log(parsed.users.map((u) => `${u.name}:${u.age}`));
console.log(JSON.parse(text, (k, v) => (k === 'age' ? v + 100 : v)));
console.log(JSON.parse('[1, "2", null, true, {"a": {"b": {"c": {}}}}]'));
console.log(JSON.parse('"\\u0041\\n"'), JSON.parse(' 1e3 '), JSON.parse('-0'));
const clone = structuredClone ? structuredClone({ d: new Date(0), m: new Map([[1, { z: [1] }]]) }) : null;
console.log(clone);
console.log(JSON.stringify(Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true } })));
