function makeCounter(start = 0) {
  let count = start;
  return { inc: () => ++count, dec: () => --count, get value() { return count; } };
}
const c1 = makeCounter(), c2 = makeCounter(10);
c1.inc(); c1.inc(); c2.dec();
console.log(c1.value, c2.value, c1);
var fns = [];
for (var i = 0; i < 3; i++) fns.push(() => i);
console.log(fns.map((f) => f()));
const fns2 = [];
for (let j = 0; j < 3; j++) fns2.push(() => j);
console.log(fns2.map((f) => f()));
function once(fn) { let done = false, r; return (...a) => (done ? r : ((done = true), (r = fn(...a)))); }
const init = once((x) => { console.log('init called with', x); return x * 2; });
console.log(init(5), init(6));
const debounceLog = [];
function curry(fn) { return function c(...a) { return a.length >= fn.length ? fn(...a) : (...b) => c(...a, ...b); }; }
const add3 = curry((a, b, c) => a + b + c);
console.log(add3(1)(2)(3), add3(1, 2)(3), add3(1)(2, 3), add3(1, 2, 3));
const compose = (...fns) => (x) => fns.reduceRight((v, f) => f(v), x);
const pipe = (...fns) => (x) => fns.reduce((v, f) => f(v), x);
const inc = (x) => x + 1, dbl = (x) => x * 2;
console.log(compose(inc, dbl)(5), pipe(inc, dbl)(5));
function memoFib() { const cache = {}; return function f(n) { return n in cache ? cache[n] : (cache[n] = n < 2 ? n : f(n - 1) + f(n - 2)); }; }
console.log(memoFib()(40));
const bank = (() => { let balance = 0; const history = []; return { deposit(n) { balance += n; history.push(['+', n]); return this; }, withdraw(n) { if (n > balance) throw new Error('Insufficient funds'); balance -= n; history.push(['-', n]); return this; }, report: () => ({ balance, history }) }; })();
bank.deposit(100).withdraw(30).deposit(5);
console.log(bank.report());
try { bank.withdraw(1000); } catch (e) { console.log('Error:', e.message); }
console.log(typeof balance, debounceLog);
const counter = (function () { let n = 0; return function () { return (n += 1); }; })();
counter(); counter();
console.log(counter());
console.log(this === module.exports, typeof globalThis, (function () { return typeof this; })(), (function () { 'use strict'; return typeof this; })());
