// Buffer checks and inspection, structuredClone's transfer, events.addAbortListener, disposable
// timers, 'unhandledRejection' listeners and URL's statics, as Node 20 has them.
const { Buffer, isAscii, isUtf8 } = require('buffer');
const events = require('events');
const util = require('util');

console.log(isAscii(Buffer.from('hello')), isAscii(Buffer.from('héllo')));
console.log(isUtf8(Buffer.from('héllo')), isUtf8(Buffer.from([0xc0, 0x80])), isUtf8(Buffer.from([0xed, 0xa0, 0x80])));
const moved = new ArrayBuffer(4);
const copy = structuredClone(moved, { transfer: [moved] });
console.log(copy.byteLength, moved.byteLength);
try {
  isAscii(moved);
} catch (e) {
  console.log(e.code, e.message);
}
try {
  Buffer.from(new ArrayBuffer(4), 6);
} catch (e) {
  console.log(e.name, e.code, e.message);
}
try {
  function Fake() {}
  Object.setPrototypeOf(Fake.prototype, ArrayBuffer.prototype);
  Buffer.from(new Fake());
} catch (e) {
  console.log(e.code, e.message);
}
try {
  Buffer.from('abc').toString(null);
} catch (e) {
  console.log(e.code, e.message);
}
const withProps = Buffer.from('hi');
withProps.label = 'greeting';
console.log(util.inspect(withProps), util.inspect(Buffer.alloc(0)));
console.log(Buffer.from('abcdef').subarray(1, 3) instanceof Buffer);

const controller = new AbortController();
controller.signal.addEventListener('abort', (e) => e.stopImmediatePropagation());
events.addAbortListener(controller.signal, () => console.log('abort listener ran despite stopImmediatePropagation'));
const disposable = events.addAbortListener(controller.signal, () => console.log('never: disposed'));
disposable[Symbol.dispose]();
controller.abort();

const timer = setTimeout(() => console.log('never: disposed timer'), 5);
timer[Symbol.dispose]();
const immediate = setImmediate(() => console.log('never: disposed immediate'));
immediate[Symbol.dispose]();
console.log('disposed:', timer._destroyed, immediate._destroyed);

console.log(Object.keys(URL).length === 0, Object.getOwnPropertyDescriptor(URL, 'canParse').enumerable);
try {
  new URLSearchParams({ [Symbol('key')]: 'v' });
} catch (e) {
  console.log(e.name, e.message);
}

process.on('unhandledRejection', (reason, promise) => {
  console.log('unhandledRejection:', reason.message, promise instanceof Promise);
});
Promise.reject(new Error('nobody caught this'));
setTimeout(() => console.log('the run went on'), 10);
