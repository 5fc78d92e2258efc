function* range(start, end, step = 1) { for (let i = start; i < end; i += step) yield i; }
console.log([...range(0, 10, 3)]);
function* fib() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b]; } }
function* take(it, n) { let i = 0; for (const v of it) { if (i++ >= n) return; yield v; } }
console.log([...take(fib(), 15)]);
const g = range(0, 3);
console.log(g.next(), g.next(), g.next(), g.next(), g.next());
console.log(g, Object.prototype.toString.call(g));
function* twoWay() { const x = yield 'first'; console.log('got', x); const y = yield x * 2; return x + y; }
const tw = twoWay();
console.log(tw.next('ignored'), tw.next(21), tw.next(100), tw.next());
function* delegating() { yield 'a'; const r = yield* inner(); yield 'inner returned ' + r; }
function* inner() { yield 'i1'; yield 'i2'; return 'R'; }
console.log(Array.from(delegating()));
class Range {
  constructor(lo, hi) { this.lo = lo; this.hi = hi; }
  [Symbol.iterator]() { let c = this.lo; const hi = this.hi; return { next: () => (c <= hi ? { value: c++, done: false } : { value: undefined, done: true }), [Symbol.iterator]() { return this; } }; }
}
const r = new Range(1, 5);
console.log([...r], Math.max(...r), Array.from(r, (x) => x * x));
const [first, , third, ...rest] = r;
console.log(first, third, rest);
function* withCleanup() { try { yield 1; yield 2; yield 3; } finally { console.log('cleanup ran'); } }
for (const v of withCleanup()) { console.log('v', v); if (v === 2) break; }
const gen = withCleanup(); gen.next();
console.log(gen.return(99), gen.next());
const thrower = (function* () { try { yield 1; } catch (e) { console.log('caught inside:', e); yield 'recovered'; } })();
thrower.next();
console.log(thrower.throw('boom'));
const entries = Object.entries({ a: 1, b: 2 })[Symbol.iterator]();
console.log(entries.next());
function* flattenGen(arr) { for (const x of arr) Array.isArray(x) ? yield* flattenGen(x) : yield x; }
console.log([...flattenGen([1, [2, [3, [4]], 5]])]);
const zip = function* (...its) { const iters = its.map((i) => i[Symbol.iterator]()); for (;;) { const rs = iters.map((i) => i.next()); if (rs.some((x) => x.done)) return; yield rs.map((x) => x.value); } };
console.log([...zip([1, 2, 3], 'abc', range(10, 20))]);
