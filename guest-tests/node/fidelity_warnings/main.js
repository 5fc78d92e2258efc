// process.emitWarning and util.deprecate as Node 20 has them: a 'warning' event on the next
// tick with an Error named by its type, util.deprecate warning once per function and per code.
const util = require('util');
process.on('warning', (w) => console.log('warning event:', w.name, w.message, w.code));
process.emitWarning('plain');
process.emitWarning('typed', 'CustomWarning', 'CODE1');
process.emitWarning('with options', { type: 'OptWarning', code: 'CODE2', detail: 'more' });
process.emitWarning(new Error('an error'));
const old = util.deprecate((a, b) => a + b, 'old() is deprecated', 'DEP_X');
const old2 = util.deprecate(() => 'second', 'same code', 'DEP_X');
console.log(old(1, 2), old(3, 4), old2());
class Base { constructor(v) { this.v = v; } }
const Dep = util.deprecate(Base, 'Base is deprecated');
console.log(new Dep(5).v, new Dep(6) instanceof Base);
console.log('sync done');
try { process.emitWarning(5); } catch (e) { console.log(e.code); }
