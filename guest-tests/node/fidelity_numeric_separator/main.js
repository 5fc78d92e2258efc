// util.inspect's numericSeparator as Node 20 writes it: integers grouped from the end, fractions
// from the point, BigInts, typed arrays, and what it leaves alone (NaN, -0, exponents).
const util = require('util');
for (const v of [1234567, -1234567.891234, 123, 1234.5, 0.000001234, 1e21, 12345678901234567890n, -1234n, NaN, -0, 1_000, 123456.123456, 1.2345, 1234.56789, -0.5, Infinity, 2 ** 53]) {
  console.log(util.inspect(v, { numericSeparator: true }));
}
console.log(util.inspect({ a: 1234567, b: [98765, 4321n], c: new Float64Array([12345.678]) }, { numericSeparator: true }));
console.log(util.inspect(1234567), util.formatWithOptions({ numericSeparator: true }, '%d %i %s', 1234567, 7654321, 5555555));
