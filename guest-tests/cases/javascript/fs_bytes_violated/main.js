// Appends until the filesystem is full (a 4 MiB quota): Node's ENOSPC error, caught; deleting
// the file makes room again.
const fs = require('fs');
const chunk = 'x'.repeat(256 * 1024);
let written = 0;
try {
  for (;;) {
    fs.appendFileSync('/tmp/fill.txt', chunk);
    written++;
  }
} catch (e) {
  console.log(e.code, e.errno, '-', e.message);
}
console.log(written * 256, 'KiB written');
fs.unlinkSync('/tmp/fill.txt');
fs.writeFileSync('/tmp/after.txt', 'room again');
console.log(fs.readFileSync('/tmp/after.txt', 'utf8'));
