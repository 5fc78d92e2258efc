// Depth > 2 collapses to [Object] / [Array].
const deep = { level1: { level2: { level3: { level4: 'hidden' } } } };
console.log(deep);
const arrs = [1, [2, [3, [4, [5]]]]];
console.log(arrs);
const config = {
  server: { host: 'localhost', port: 8080, tls: { enabled: false, certs: ['a.pem', 'b.pem'] } },
  db: { primary: { url: 'postgres://x', pool: { min: 1, max: 10 } }, replicas: [] },
  features: new Map([['beta', { on: true, users: [1, 2, 3] }]]),
};
console.log(config);
console.log(JSON.stringify(deep));
const mixedDeep = { a: [{ b: [{ c: [{ d: 1 }] }] }] };
console.log(mixedDeep);
console.log({ empty: {}, emptyArr: [], nested: { empty: {}, arr: [[]] } });
const util = require('util');
console.log(util.inspect(deep, { depth: 0 }));
console.log(util.inspect(deep, { depth: Infinity }));
console.log(util.inspect(arrs, { depth: null }));
