// Checks that stdin is read once, as in Node: a second fs.readFileSync(0) finds it at its end,
// and so does process.stdin afterwards.
const fs = require("fs");

const first = fs.readFileSync(0, "utf8");
const second = fs.readFileSync(0, "utf8");
console.log(JSON.stringify([first, second]));
console.log(fs.readFileSync(0).length);
let chunks = 0;
process.stdin.on("data", () => chunks++);
process.stdin.on("end", () => console.log("process.stdin chunks after:", chunks));
