// Checks require() of a .json file and reading the same file through fs.
const config = require("./config.json");
const fs = require("fs");

console.log(config.name, config.version, config.features.length);
console.log(config.nested.deep.value);
const raw = JSON.parse(fs.readFileSync("./config.json", "utf8"));
console.log("same content:", JSON.stringify(raw) === JSON.stringify(config));
