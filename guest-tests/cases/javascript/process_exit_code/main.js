// Checks that process.exit(4) exits at once with code 4, keeping earlier output.
console.log("first");
console.error("to stderr");
setTimeout(() => console.log("timer must not run"), 0);
process.exit(4);
console.log("not reached");
