// AbortController and AbortSignal with timers/promises and events.once, EventTarget, and how
// Node's own errors print their code: in String(), in util.inspect and when uncaught.
const { setTimeout: sleep, setImmediate: immediate } = require('timers/promises');
const { once, EventEmitter } = require('events');
const util = require('util');

const ac = new AbortController();
sleep(1000, 'late', { signal: ac.signal }).catch((err) => {
  console.log('sleep', err.name, err.code, err.message, err.cause === ac.signal.reason);
});
ac.abort();
console.log('aborted', ac.signal.aborted, ac.signal.reason.name, ac.signal.reason.message);

immediate('now').then((value) => console.log('immediate', value));

const emitter = new EventEmitter();
once(emitter, 'ready').then((args) => console.log('once', args));
emitter.emit('ready', 1, 2);
once(emitter, 'never', { signal: AbortSignal.abort() }).catch((err) => console.log('once aborted', err.name));

const target = new EventTarget();
target.addEventListener('ping', (event) => console.log('event', event.type, event instanceof Event), { once: true });
target.dispatchEvent(new Event('ping'));
target.dispatchEvent(new Event('ping'));
const custom = new CustomEvent('hello', { detail: { x: 1 } });
console.log('custom', custom.detail);

try {
  require('path').join(true);
} catch (err) {
  console.log(String(err));
  console.log(err.code, err.name);
}
try {
  Buffer.alloc(-1);
} catch (err) {
  console.log(String(err));
}
console.log(util.inspect(new DOMException('gone', 'AbortError').name));
