// Nests folders with 250-byte names and writes and reads a file at the bottom, by a path of
// 4,026 bytes: under the 4,096 default.
const fs = require('fs');
let path = '/tmp';
for (let i = 0; i < 16; i++) path += '/' + String(i % 10).repeat(250);
fs.mkdirSync(path, { recursive: true });
fs.writeFileSync(path + '/f.txt', 'far');
console.log((path + '/f.txt').length, fs.readFileSync(path + '/f.txt', 'utf8'));
