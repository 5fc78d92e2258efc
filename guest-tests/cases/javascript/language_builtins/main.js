// Checks common built-ins: JSON, Map/Set, classes, regex, BigInt, destructuring, generators.
class Counter {
  #n = 0;
  inc() { return ++this.#n; }
}
const c = new Counter();
c.inc();
console.log("counter:", c.inc());
console.log(JSON.stringify({ b: [1, 2], a: { x: null } }));
const m = new Map([["a", 1], ["b", 2]]);
console.log([...m.keys()].join(","), new Set([1, 1, 2, 3]).size);
console.log("a1b22c333".match(/\d+/g));
console.log((2n ** 64n).toString());
const { x, ...rest } = { x: 1, y: 2, z: 3 };
console.log(x, Object.keys(rest).join(","));
function* fib() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b]; } }
const first = [];
for (const n of fib()) { if (first.length === 10) break; first.push(n); }
console.log(first.join(" "));
console.log([3, 1, 2].sort((a, b) => a - b), [1, [2, [3]]].flat(Infinity));
console.log(Object.entries({ k: "v" }), typeof Symbol.iterator, Number.MAX_SAFE_INTEGER);
