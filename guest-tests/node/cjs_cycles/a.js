console.log('a starting');
exports.done = false;
exports.name = 'A';
const b = require('./b.js');
console.log('in a, b.done = %j', b.done);
exports.done = true;
exports.getB = () => b;
console.log('a done');
