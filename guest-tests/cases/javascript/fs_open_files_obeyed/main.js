// Writes and reads 2,000 files, twice the 1,024 descriptors a run may hold open at once: each
// call closes what it opens. (JavaScript has no call that keeps a file open, so this quota has
// no _violated case here; Python's holds files open until it is refused.)
const fs = require('fs');
for (let i = 0; i < 2000; i++) fs.writeFileSync(`/tmp/${i}.txt`, String(i));
let sum = 0;
for (let i = 0; i < 2000; i++) sum += Number(fs.readFileSync(`/tmp/${i}.txt`, 'utf8'));
console.log(sum);
