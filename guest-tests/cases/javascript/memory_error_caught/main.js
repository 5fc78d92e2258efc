// Checks that a failed 200 MB allocation can be caught and the program then exits normally.
try {
  const block = new Uint8Array(200 * 1024 * 1024);
  console.log("allocated", block.length);
} catch (e) {
  console.log("caught:", e.name, e.message);
}
const small = new Uint8Array(1024 * 1024);
console.log("still works:", small.length);
