// Checks require() of a folder through its index.js, and __dirname/__filename inside modules.
const store = require("./store");

store.put("a", 1);
store.put("b", 2);
console.log(store.size());
console.log(store.where());
console.log(__filename, __dirname);
