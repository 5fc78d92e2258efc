// Checks writing, reading, listing and appending to files in the scratch directory.
const fs = require("fs");

fs.writeFileSync("notes.txt", "first line\n");
fs.writeFileSync("notes2.txt", "second line ✓\n");
fs.appendFileSync("notes.txt", "appended\n");
process.stdout.write(fs.readFileSync("notes.txt", "utf8") + fs.readFileSync("notes2.txt", "utf8"));
console.log(fs.readdirSync(".").sort().join(","));
console.log(fs.readFileSync("/workspace/notes.txt", "utf8").trim());
