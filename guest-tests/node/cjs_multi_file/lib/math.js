console.log('[math module evaluated]');
exports.add = (a, b) => a + b;
exports.mul = (a, b) => a * b;
exports.PI = 3.14159;
