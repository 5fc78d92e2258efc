exports.circle = (r) => ({ kind: 'circle', r });
exports.square = (side) => ({ kind: 'square', side });
