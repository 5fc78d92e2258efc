// Makes empty files until there may be no more (a quota of 200 files and folders, main.js
// included): ENOSPC, caught; deleting one makes room for one.
const fs = require('fs');
let made = 0;
try {
  for (;;) {
    fs.writeFileSync(`/tmp/f${made}`, '');
    made++;
  }
} catch (e) {
  console.log(e.code, made);
}
fs.unlinkSync('/tmp/f0');
fs.mkdirSync('/tmp/one_more');
console.log(fs.statSync('/tmp/one_more').isDirectory());
