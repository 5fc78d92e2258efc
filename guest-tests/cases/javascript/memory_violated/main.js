// Checks that allocating 200 MB under a 128 MiB limit fails with an out-of-memory error.
console.log("allocating");
const block = new Uint8Array(200 * 1024 * 1024);
console.log("allocated", block.length);
