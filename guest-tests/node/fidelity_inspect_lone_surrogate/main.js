// util.inspect escapes lone surrogates in lowercase hex, and keeps pairs as they are.
const util = require('util');
console.log(util.inspect('\uD83D'));
console.log(util.inspect('a\uDC00b'));
console.log(util.inspect('\uD83D\uDE00'));
console.log(['\uDBFF', 'x\u001b']);
console.log({ key: '\uD800' });
