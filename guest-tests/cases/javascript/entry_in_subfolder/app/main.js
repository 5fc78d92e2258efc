// Checks an entry in a subfolder: its folder is the working directory, siblings can be required.
const fs = require("fs");
const helper = require("./helper");

console.log(helper.double(21));
console.log(fs.readFileSync("data.txt", "utf8").trim());
console.log(fs.readdirSync(".").sort().join(","));
console.log(__filename);
console.log(fs.readFileSync("/workspace/README.txt", "utf8").trim());
