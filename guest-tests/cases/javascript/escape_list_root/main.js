// Checks that listing / shows only the program's own files, never the host's directories.
const fs = require("fs");

console.log(fs.readdirSync("/").sort().join(","));
console.log(fs.readdirSync("/workspace").sort().join(","));
