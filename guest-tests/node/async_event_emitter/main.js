const EventEmitter = require('events');
const { once } = require('node:events');
class Store extends EventEmitter {
  constructor() { super(); this.items = []; }
  add(item) { this.items.push(item); this.emit('added', item, this.items.length); return this; }
}
const store = new Store();
const onAdd = (item, count) => console.log(`added ${item} (total ${count})`);
store.on('added', onAdd);
store.once('added', (item) => console.log('first add only:', item));
store.prependListener('added', () => console.log('prepended listener runs first'));
store.add('apple').add('banana');
console.log('listeners:', store.listenerCount('added'), store.eventNames());
store.off('added', onAdd);
store.add('cherry');
console.log('listeners after off:', store.listenerCount('added'));
store.removeAllListeners('added');
console.log(store.emit('added', 'x'), store.emit('nothing'));
const e = new EventEmitter();
e.on('error', (err) => console.log('handled error event:', err.message));
e.emit('error', new Error('bad thing'));
const e2 = new EventEmitter();
try { e2.emit('error', new Error('unhandled emitter error')); } catch (err) { console.log('thrown:', err.message); }
e2.on('data', function () { console.log('this is emitter:', this === e2, 'args:', [...arguments]); });
e2.emit('data', 1, 2, 3);
e2.on('multi', () => console.log('m1')); e2.on('multi', () => console.log('m2'));
e2.emit('multi');
console.log(e2.listeners('multi').length, typeof e2.rawListeners, EventEmitter.defaultMaxListeners, e2.getMaxListeners());
const seen = [];
e2.on('newListener', (name) => seen.push(name));
e2.on('late', () => {});
console.log('newListener saw:', seen);
(async () => {
  setTimeout(() => e2.emit('ready', 'payload', 42), 5);
  const args = await once(e2, 'ready');
  console.log('awaited once:', args);
})();
console.log(store instanceof EventEmitter, typeof EventEmitter.EventEmitter, EventEmitter.once === once);
