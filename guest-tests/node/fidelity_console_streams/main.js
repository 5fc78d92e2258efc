// Console writes that fail, replaced streams, timers that warn, custom inspectors under dir,
// wide characters in tables, and util.stripVTControlCharacters, as Node 20 does them.
const { Console } = require('console');
const { Writable } = require('stream');
const util = require('util');

process.on('warning', (w) => console.log('warning:', w.name, w.message));

const failing = new Writable({ write(chunk, encoding, callback) { callback(new Error('disk full')); } });
new Console(failing).log('lost, and no error reaches the program');
const throwing = new Writable({ write() { throw new Error('broken'); } });
new Console(throwing).log('lost too');
try {
  new Console({ stdout: throwing, ignoreErrors: false }).log('this one throws');
} catch (e) {
  console.log('ignoreErrors false:', e.message);
}

const seen = [];
const collector = new Writable({ write(chunk, encoding, callback) { seen.push(String(chunk)); callback(); } });
const own = new Console(collector);
own._stdout = collector;
own.log('to the collector');
console.log('collected:', JSON.stringify(seen));

class Quiet extends Console {
  log() { return 'overridden'; }
}
console.log('subclass:', new Quiet(collector).log('x'));

try {
  new Console({ stdout: collector, inspectOptions: 5 });
} catch (e) {
  console.log(e.code, e.message);
}

const custom = { foo: 'bar', [util.inspect.custom]: () => 'custom view' };
console.log(custom);
console.dir(custom);

console.table([{ name: '￥', plain: 'yen' }, { name: '¥', plain: 'y' }]);
console.log(JSON.stringify(util.stripVTControlCharacters('\u001b[31mred\u001b[39m and \u001b]8;;https://x.test\u0007link\u001b]8;;\u0007')));

console.time('twice');
console.time('twice');
console.timeEnd('never started');
console.countReset('never counted');
