// Nests folders 70 deep, and moves one deep tree into another: both stop at 64 levels below /
// (the default) with Node's ENAMETOOLONG, caught.
const fs = require('fs');
const tooDeep = '/tmp/' + Array(70).fill('a').join('/');
try {
  fs.mkdirSync(tooDeep, { recursive: true });
} catch (e) {
  console.log('mkdir:', e.code);
}
fs.mkdirSync('/tmp/b/' + Array(40).fill('b').join('/'), { recursive: true });
try {
  fs.renameSync('/tmp/b', '/tmp/' + Array(40).fill('a').join('/') + '/b');
} catch (e) {
  console.log('rename:', e.code);
}
console.log(fs.existsSync('/tmp/b'));
