// What a call of something that is not a function says, as V8 says it: the called expression
// (`obj.method is not a function`), or a callback's value (`3 is not a function`).
const show = (f) => {
  try {
    f();
  } catch (e) {
    console.log(`${e.name}: ${e.message}`);
  }
};
const obj = { a: { b: {} }, fn() { return {}; } };
const notFn = 5;
show(() => obj.missing());
show(() => obj.a.b.c());
show(() => notFn());
show(() => obj['a'].zap());
show(() => obj.fn().nope());
show(() => obj?.a?.none());
show(() => { if (true) notFn(); });
show(() => obj.a.b.c `tagged`);
show(() => JSON.parse.call.nope());
class Shape {
  area() { return this.width() * 2; }
}
show(() => new Shape().area());
class Widget {
  constructor() {
    this.render();
  }
}
show(() => new Widget());
function legacy() { this.parts.join(); }
show(() => legacy.call({ parts: {} }));
show(() => { const make = obj.fn; make().q(); });
const makeCounter = () => 5;
const handlers = [1];
show(() => makeCounter()());
show(() => require('path')());
show(() => handlers[0]());
show(() => [1, 2].map(3));
show(() => [1, 2].map('x'));
show(() => [1].forEach(undefined));
show(() => [1].map({}));
show(() => [1].reduce(null));
show(() => Array.from([1], 7));
show(() => ({}).toString.call(null).x.y());
const list = [3, 1, 2];
try {
  list.sorted();
} catch (e) {
  console.log(String(e));
}
