const items = new Map();
module.exports = {
  put: (k, v) => items.set(k, v),
  size: () => items.size,
  where: () => [__filename, __dirname].join(" "),
};
