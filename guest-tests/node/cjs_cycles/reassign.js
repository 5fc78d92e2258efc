exports.lost = 'this is dropped';
module.exports = { kept: true };
exports.alsoLost = 1;
module.exports.added = 'yes';
