// Checks require() of relative files with and without .js, module.exports vs exports, and caching.
const math = require("./lib/math");
const { greet } = require("./lib/greet.js");
const again = require("./lib/math.js");

console.log(math.add(2, 3), math.mul(4, 5));
console.log(greet("sandbox"));
console.log("same module object:", math === again);
console.log("loads:", math.loads);
