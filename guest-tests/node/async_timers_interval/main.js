const { setTimeout: sleep } = require('timers/promises');
const timer = setTimeout(() => {}, 1);
console.log(typeof timer, typeof timer.ref, typeof timer.unref, typeof timer.hasRef, timer.hasRef());
const never = setTimeout(() => console.log('never runs'), 10);
clearTimeout(never);
const imm = setImmediate(() => console.log('never immediate'));
clearImmediate(imm);
const unrefd = setTimeout(() => console.log('unref timer would print if loop alive'), 2000);
unrefd.unref();
function phase1(next) {
  setImmediate((v) => { console.log('immediate arg', v); next(); }, 'val');
}
function phase2(next) {
  let ticks = 0;
  const id = setInterval(() => {
    ticks++;
    console.log('tick', ticks);
    if (ticks === 4) { clearInterval(id); console.log('interval cleared'); next(); }
  }, 3);
}
function phase3(next) {
  setTimeout((a, b) => { console.log('timeout args', a, b); next(); }, 1, 'x', 'y');
}
function phase4(next) {
  const order = [];
  setTimeout(() => order.push(30), 30);
  setTimeout(() => order.push(10), 10);
  setTimeout(() => order.push(20), 20);
  setTimeout(() => order.push('10b'), 10);
  setTimeout(() => { console.log('order', order); next(); }, 60);
}
function phase5(next) {
  (function countdown(n) {
    if (n < 0) return next();
    setTimeout(() => { console.log('countdown', n); countdown(n - 1); }, 2);
  })(3);
}
async function phase6(next) {
  const v = await sleep(5, 'slept');
  console.log(v);
  next();
}
const phases = [phase1, phase2, phase3, phase4, phase5, phase6];
(function run(i) { if (i < phases.length) phases[i](() => run(i + 1)); else console.log('all phases done'); })(0);
console.log('sync done');
