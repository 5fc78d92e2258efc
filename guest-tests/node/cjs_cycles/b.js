console.log('b starting');
exports.done = false;
exports.name = 'B';
const a = require('./a.js');
console.log('in b, a.done = %j', a.done, Object.keys(a));
exports.done = true;
exports.getA = () => a;
console.log('b done');
