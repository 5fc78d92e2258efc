console.log('[legacy.cjs evaluated]');
exports.named = 'named export from cjs';
exports.add = (a, b) => a + b;
