const fs = require('fs');
const path = require('path');
const dir = path.join(__dirname, 'out');
fs.mkdirSync(path.join(dir, 'nested', 'deeper'), { recursive: true });
fs.writeFileSync(path.join(dir, 'a.txt'), 'line 1\nline 2\n');
fs.appendFileSync(path.join(dir, 'a.txt'), 'line 3\n');
fs.writeFileSync(path.join(dir, 'data.json'), JSON.stringify({ x: 1, list: [1, 2] }, null, 2));
fs.writeFileSync(path.join(dir, 'nested', 'b.bin'), Buffer.from([0, 1, 2, 255]));
console.log(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'));
console.log(fs.readFileSync(path.join(dir, 'a.txt')).length);
console.log(JSON.parse(fs.readFileSync(path.join(dir, 'data.json'), 'utf8')));
console.log(fs.readFileSync(path.join(dir, 'nested', 'b.bin')));
console.log(fs.readdirSync(dir).sort());
console.log(fs.readdirSync(dir, { withFileTypes: true }).map((d) => [d.name, d.isDirectory()]).sort());
console.log(fs.existsSync(path.join(dir, 'a.txt')), fs.existsSync(path.join(dir, 'nope')));
const st = fs.statSync(path.join(dir, 'a.txt'));
console.log(st.isFile(), st.isDirectory(), st.size);
fs.renameSync(path.join(dir, 'a.txt'), path.join(dir, 'renamed.txt'));
fs.copyFileSync(path.join(dir, 'renamed.txt'), path.join(dir, 'copy.txt'));
fs.unlinkSync(path.join(dir, 'renamed.txt'));
console.log(fs.readdirSync(dir).sort());
try { fs.readFileSync(path.join(dir, 'missing.txt')); } catch (e) { console.log(e.code, e.syscall, e.errno < 0); }
try { fs.mkdirSync(dir); } catch (e) { console.log(e.code); }
fs.rmSync(dir, { recursive: true, force: true });
console.log(fs.existsSync(dir));
console.log(fs.readFileSync(__filename, 'utf8').split('\n')[0]);
console.log(typeof fs.promises.readFile, typeof fs.readFile);
fs.promises.readFile(__filename, 'utf8').then((t) => console.log('async read lines:', t.split('\n').length));
fs.readFile(path.join(__dirname, 'missing'), (err, data) => console.log('callback err:', err.code, data));
