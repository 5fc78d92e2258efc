// querystring and util/types as Node 20 has them.
const qs = require('querystring');
console.log(qs.parse('a=1&b=2&a=3&c&=x&&d=%E2%82%AC&e=a+b&f=%zz&g=%'));
console.log(qs.parse('a:1;b:2', ';', ':'), qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 2 }));
console.log(qs.stringify({ a: [1, 2], b: 'x y', c: true, d: null, e: undefined, f: NaN, g: 'ü€', h: "!'()*~-._", i: 10n, j: [] }));
console.log(qs.stringify({ a: 1, b: 2 }, ';', ':'), qs.stringify('nope'), qs.escape('a b&c/d?'), qs.unescape('a%20b%zz+c'));
console.log(qs.decode === qs.parse, qs.encode === qs.stringify, qs.unescapeBuffer('a%41+b'));
try { qs.escape('\ud800'); } catch (e) { console.log(e.name, e.code, e.message); }
const types = require('util/types');
console.log(types === require('util').types, types.isDate(new Date()), types.isRegExp(/x/), types.isMap(new Map()), types.isPromise(Promise.resolve()));
console.log(qs.unescapeBuffer('%F0%9F%98%80 😀%'), qs.unescape('😀%zz'), qs.parse('k😀=%E2%82%AC%zz+x'));
