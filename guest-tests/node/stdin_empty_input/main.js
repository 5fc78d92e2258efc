const fs = require('fs');
const raw = fs.readFileSync(0, 'utf8');
console.log(JSON.stringify(raw), raw.length);
const lines = raw.split('\n');
console.log(lines, lines.length);
const nums = raw.trim() ? raw.trim().split(/\s+/).map(Number) : [];
console.log(nums, nums.reduce((a, b) => a + b, 0));
const buf = fs.readFileSync(0);
console.log(buf.length, Buffer.isBuffer(buf));
