// Checks that growing an array without bound stops at the memory limit.
console.log("growing");
const chunks = [];
for (;;) chunks.push(new Array(100000).fill(chunks.length));
