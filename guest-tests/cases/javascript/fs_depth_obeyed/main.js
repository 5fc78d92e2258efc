// Nests folders 62 deep in /tmp and writes a file at the bottom: 64 levels below /, the default.
const fs = require('fs');
const deep = '/tmp/' + Array(62).fill('d').join('/');
fs.mkdirSync(deep, { recursive: true });
fs.writeFileSync(deep + '/leaf.txt', 'deep');
console.log(deep.split('/').length, fs.readFileSync(deep + '/leaf.txt', 'utf8'));
