// Checks process.argv names the entry by its guest path, and that common process functions exist.
console.log(process.argv.length >= 2, process.argv[1]);
console.log(typeof process.exit, typeof process.nextTick, typeof process.hrtime);
