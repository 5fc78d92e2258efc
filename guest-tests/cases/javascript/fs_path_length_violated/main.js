// Paths beyond 4,096 bytes (the default): making one and reading one are Node's ENAMETOOLONG,
// caught.
const fs = require('fs');
let path = '/tmp';
for (let i = 0; i < 17; i++) path += '/' + 'p'.repeat(250);
try {
  fs.mkdirSync(path, { recursive: true });
} catch (e) {
  console.log('mkdir:', e.code);
}
try {
  fs.readFileSync('/tmp/' + 'x/'.repeat(3000));
} catch (e) {
  console.log('read:', e.code);
}
