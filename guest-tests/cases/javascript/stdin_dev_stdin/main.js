// Checks reading stdin through the path /dev/stdin, and that an empty stdin reads as "".
const fs = require("fs");
console.log(JSON.stringify(fs.readFileSync("/dev/stdin", "utf8")));
