// Microtasks queued from microtasks all run before any timer.
let n = 0;
function spin() { if (++n < 1000) queueMicrotask(spin); }
setTimeout(() => console.log('timer after', n, 'microtasks'), 0);
queueMicrotask(spin);
let ticks = 0;
function tick() { if (++ticks < 100) process.nextTick(tick); }
process.nextTick(tick);
Promise.resolve().then(() => console.log('promise sees ticks =', ticks));
const results = [];
const p1 = new Promise((r) => r('p1'));
const p2 = Promise.resolve('p2');
p1.then((v) => results.push(v + '.a')).then(() => results.push('p1.b'));
p2.then((v) => results.push(v + '.a')).then(() => results.push('p2.b'));
Promise.resolve(Promise.resolve('nested')).then((v) => results.push(v));
new Promise((r) => r(Promise.resolve('resolve-with-promise'))).then((v) => results.push(v));
setTimeout(() => console.log(results), 1);
async function chain(label, depth) { for (let i = 0; i < depth; i++) await null; results.push(label + depth); }
chain('c', 1); chain('c', 3); chain('c', 0);
