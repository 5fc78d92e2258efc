// EventEmitter as Node 20 shapes it: _events and its once wrappers, the EventEmitter.call(this)
// subclass pattern, the methods called on a plain object, errorMonitor, removeAllListeners()
// telling 'removeListener' listeners, ERR_UNHANDLED_ERROR, and events.on's async iterator.
const EventEmitter = require('events');
const e = new EventEmitter();
console.log(e);
e.on('x', () => {}); e.once('y', function named() {});
console.log(e);
console.log(e.rawListeners('y')[0].listener.name, e.listeners('y')[0].name, e.rawListeners('y')[0].name);
console.log(Object.keys(e), Reflect.ownKeys(e));
class Sub extends EventEmitter {}
console.log(new Sub());
function Old() { EventEmitter.call(this); this.v = 1; }
require('util').inherits(Old, EventEmitter);
console.log(new Old());
const o = {}; EventEmitter.prototype.on.call(o, 'z', () => {}); console.log(o);
console.log(EventEmitter.errorMonitor, typeof EventEmitter.captureRejectionSymbol, EventEmitter.defaultMaxListeners);
const r = new EventEmitter(); r.on('removeListener', (n) => console.log('removed', n)); r.on('a', () => {}); r.on('b', () => {}); r.removeAllListeners(); console.log(r.eventNames());
const m = new EventEmitter(); m.on(EventEmitter.errorMonitor, (err) => console.log('monitor', err.message)); m.on('error', () => console.log('handled')); m.emit('error', new Error('boom'));
try { new EventEmitter().emit('error', 'str'); } catch (err) { console.log(err.message, err.code); }
console.log(require('events').once.length, typeof require('events').on, typeof require('events').getEventListeners);
(async () => {
  const e = new EventEmitter();
  setTimeout(() => { e.emit('d', 1); e.emit('d', 2, 3); e.emit('end'); }, 1);
  const it = EventEmitter.on(e, 'd');
  e.once('end', () => it.return());
  for await (const v of it) console.log('got', v);
  console.log('done', e.listenerCount('d'), e.listenerCount('error'));
  const f = new EventEmitter();
  const failing = EventEmitter.on(f, 'x');
  setTimeout(() => f.emit('error', new Error('stop')), 1);
  try { for await (const v of failing) console.log(v); } catch (err) { console.log('caught', err.message); }
  const g = new EventEmitter();
  const listener = () => {};
  g.on('a', listener); g.once('a', listener); g.prependListener('a', () => {});
  console.log(g.listenerCount('a'), g.listenerCount('a', listener), g.eventNames(), g.getMaxListeners());
  for (const key in g) if (!key.startsWith('_')) { console.log('first method', key); break; }
  console.log(EventEmitter.prototype.off === EventEmitter.prototype.removeListener);
})();
