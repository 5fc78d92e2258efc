// path.win32 as Node answers it, util.promisify/callbackify/inherits/log-free parts, timers'
// `this`, refresh() and _repeat, the string decoder across chunks, and the warning for too many
// listeners.
const path = require('path');
const util = require('util');
const { StringDecoder } = require('string_decoder');
const EventEmitter = require('events');

const w = path.win32;
console.log(w.resolve('C:\\base', '..\\x', 'y.txt'), w.normalize('C:/a//b/../c/'), w.join('\\\\server\\share', 'dir', '..', 'f'));
console.log(w.relative('C:\\orandea\\test\\aaa', 'C:\\orandea\\impl\\bbb'), w.dirname('\\\\server\\share\\dir\\'), w.basename('C:\\a\\b.txt', '.txt'));
console.log(w.parse('C:\\path\\dir\\file.txt'), w.parse('\\\\server\\share\\x'), w.isAbsolute('C:foo'), w.toNamespacedPath('C:\\x'));
console.log(w.format({ root: 'C:\\', name: 'file', ext: 'txt' }), path.win32.posix === path.posix, w.normalize('a:b'), w.normalize('x\\c:\\y'));

const sleep = util.promisify((ms, cb) => setTimeout(() => cb(null, ms * 2), ms));
sleep(1).then((v) => console.log('promisified', v));
const custom = () => {};
custom[util.promisify.custom] = () => Promise.resolve('custom');
console.log(util.promisify(custom) === custom[util.promisify.custom]);
const cbified = util.callbackify(async (x) => { if (x) throw null; return 'ok'; });
cbified(0, (err, v) => console.log('callbackified', err, v, cbified.name, cbified.length));
cbified(1, (err) => console.log('falsy rejection', err.code, err.message, err.reason));
function Base() {}
Base.staticThing = 1;
function Derived() {}
util.inherits(Derived, Base);
console.log(Derived.super_ === Base, Object.getPrototypeOf(Derived.prototype) === Base.prototype, Derived.staticThing);
try { util.inherits(Derived, null); } catch (e) { console.log(String(e)); }

const t = setTimeout(function () { console.log('this is the timeout', this === t, t._destroyed); }, 2);
let runs = 0;
const r = setTimeout(() => { if (++runs < 3) r.refresh(); else console.log('refreshed runs', runs, r._destroyed); }, 1);
const i = setTimeout(() => { console.log('repeat', i._repeat); if (i._repeat) clearTimeout(i); else i._repeat = 1; }, 3);

const d16 = new StringDecoder('utf16le');
console.log(JSON.stringify(d16.write(Buffer.from('3DD84D', 'hex'))), d16.lastNeed, d16.lastTotal, JSON.stringify(d16.end()));
const d8 = new StringDecoder('utf8');
console.log(JSON.stringify(d8.write(Buffer.from('f69b', 'hex'))), d8.lastNeed, JSON.stringify(d8.write(Buffer.from('d1', 'hex'))), JSON.stringify(d8.end()));
console.log(JSON.stringify(Buffer.from('e8a3', 'hex').toString()), JSON.stringify(Buffer.from('eda0bf41', 'hex').toString()));

const e = new EventEmitter();
e.setMaxListeners(1);
process.on('warning', (warning) => console.log(warning.name, warning.count, warning.type, warning.message));
e.on('x', () => {});
e.on('x', () => {});
e.on('x', () => {});
console.log(EventEmitter.prototype.on === EventEmitter.prototype.addListener, e.listenerCount('x'));
