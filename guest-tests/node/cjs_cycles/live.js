let value = 1;
module.exports = { value, bump() { value++; module.exports.value = value; } };
