// Makes 150 files in a folder under a quota of 200 files and folders, lists them, and removes
// the folder with everything in it.
const fs = require('fs');
fs.mkdirSync('/tmp/many');
for (let i = 0; i < 150; i++) fs.writeFileSync(`/tmp/many/${i}.txt`, '');
console.log(fs.readdirSync('/tmp/many').length);
fs.rmSync('/tmp/many', { recursive: true });
console.log(fs.existsSync('/tmp/many'));
