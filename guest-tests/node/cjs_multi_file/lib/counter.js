let n = 0;
console.log('[counter module evaluated]');
module.exports = { next: () => ++n };
