// console as Node 20 has it: console.log writes through process.stdout.write, so a program that
// replaces it captures what console prints, and require('console').Console makes more consoles.
const captured = [];
const original = process.stdout.write;
process.stdout.write = function (chunk, ...rest) { captured.push(String(chunk)); return true; };
console.log('hidden %d', 42);
console.info({ a: 1 });
console.table([{ x: 1 }]);
process.stdout.write = original;
console.log('captured:', JSON.stringify(captured));
const { Console } = require('console');
const lines = [];
const EventEmitter = require('events');
const stream = (prefix) => Object.assign(new EventEmitter(), { write(chunk) { lines.push(prefix + chunk); return true; } });
const sink = stream('');
const mine = new Console(sink);
mine.log('to the sink', [1, 2]);
mine.group('g');
mine.warn('warned');
mine.groupEnd();
mine.count(); mine.count();
const both = new Console({ stdout: sink, stderr: stream('ERR ') });
both.error('oops');
console.log(JSON.stringify(lines));
console.log(typeof console.Console, require('console') === console);
try { new Console(); } catch (e) { console.log(e.name, e.code); }
