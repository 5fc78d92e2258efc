// stdin is read once: a second fs.readFileSync(0) finds it at its end.
const fs = require('fs');
const first = fs.readFileSync(0, 'utf8');
const again = fs.readFileSync(0, 'utf8');
console.log(JSON.stringify(first), JSON.stringify(again));
console.log(fs.readFileSync(0).length);
