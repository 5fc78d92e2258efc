// fs errors carry Node's fields, and existsSync tells present from missing files.
const fs = require('fs');
console.log(fs.existsSync('main.js'), fs.existsSync('missing.txt'), fs.existsSync('/etc/passwd'));
try {
  fs.readFileSync('missing.txt', 'utf8');
} catch (e) {
  console.log(e.code, e.errno, e.syscall, e.path);
  console.log(e.message);
}
