// Checks that allocating about 40 MB fits under the default 128 MiB limit.
const block = new Uint8Array(40 * 1024 * 1024);
block[block.length - 1] = 7;
console.log(block.length, block[block.length - 1]);
