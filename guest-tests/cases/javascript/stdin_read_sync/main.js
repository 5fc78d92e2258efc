// Checks reading all of stdin with fs.readFileSync(0).
const fs = require("fs");

const lines = fs.readFileSync(0, "utf8").split("\n").filter(Boolean);
const numbers = lines.map(Number);
console.log("count:", numbers.length);
console.log("sum:", numbers.reduce((a, b) => a + b, 0));
console.log("max:", Math.max(...numbers));
