// Checks that ../ paths cannot leave the working directory (read, write, list).
const fs = require("fs");

const attempts = [
  ["read ../x", () => fs.readFileSync("../x", "utf8")],
  ["write ../planted", () => fs.writeFileSync("../planted", "x")],
  ["list ..", () => fs.readdirSync("..")],
  ["read sub/../../etc/passwd", () => fs.readFileSync("sub/../../etc/passwd", "utf8")],
];
for (const [label, attempt] of attempts) {
  try {
    attempt();
    console.log(label, "-> allowed");
  } catch (e) {
    console.log(label, "->", e.message);
  }
}
