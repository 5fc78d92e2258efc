// Writes 3 MiB to a file in /tmp under a 4 MiB quota, deletes it and writes it again:
// deleting a file gives its bytes back.
const fs = require('fs');
const chunk = 'x'.repeat(256 * 1024);
for (const round of [0, 1]) {
  for (let i = 0; i < 12; i++) fs.appendFileSync('/tmp/big.txt', chunk);
  console.log(round, fs.statSync('/tmp/big.txt').size);
  fs.unlinkSync('/tmp/big.txt');
}
console.log(fs.readdirSync('/tmp'));
