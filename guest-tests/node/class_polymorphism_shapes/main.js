class Shape {
  static registry = new Map();
  static register(cls) { Shape.registry.set(cls.name.toLowerCase(), cls); return cls; }
  static create(kind, ...args) { const C = Shape.registry.get(kind); if (!C) throw new Error(`unknown shape: ${kind}`); return new C(...args); }
  constructor(name) { if (new.target === Shape) throw new TypeError('Shape is abstract'); this.name = name; }
  area() { throw new Error('not implemented'); }
  perimeter() { return 0; }
  describe() { return `${this.name}: area=${this.area().toFixed(2)} perimeter=${this.perimeter().toFixed(2)}`; }
  static compare(a, b) { return a.area() - b.area(); }
}
class Circle extends Shape {
  constructor(r) { super('Circle'); this.r = r; }
  area() { return Math.PI * this.r ** 2; }
  perimeter() { return 2 * Math.PI * this.r; }
}
class Rectangle extends Shape {
  constructor(w, h) { super('Rectangle'); this.w = w; this.h = h; }
  area() { return this.w * this.h; }
  perimeter() { return 2 * (this.w + this.h); }
}
class Square extends Rectangle {
  constructor(s) { super(s, s); this.name = 'Square'; }
  describe() { return super.describe() + ' (a special rectangle)'; }
}
class Triangle extends Shape {
  constructor(a, b, c) { super('Triangle'); Object.assign(this, { a, b, c }); }
  area() { const s = (this.a + this.b + this.c) / 2; return Math.sqrt(s * (s - this.a) * (s - this.b) * (s - this.c)); }
  perimeter() { return this.a + this.b + this.c; }
}
[Circle, Rectangle, Square, Triangle].forEach((c) => Shape.register(c));
const shapes = [Shape.create('circle', 1.5), Shape.create('rectangle', 2, 5), Shape.create('square', 3), Shape.create('triangle', 3, 4, 5)];
console.log(shapes);
shapes.sort(Shape.compare).forEach((s) => console.log(s.describe()));
console.log(shapes.map((s) => [s.constructor.name, s instanceof Rectangle, Object.getPrototypeOf(s.constructor).name]));
console.log(Shape.registry);
try { new Shape('x'); } catch (e) { console.log(e.name, e.message); }
try { Shape.create('hexagon'); } catch (e) { console.log(e.message); }
console.log(Object.getOwnPropertyNames(Square.prototype), Square.compare === Shape.compare, Object.hasOwn(Square, 'registry'));
const total = shapes.reduce((sum, s) => sum + s.area(), 0);
console.log('total area', total.toFixed(4), Math.round(total * 100) / 100);
const mixin = (Base) => class extends Base { toJSON() { return { type: this.name, area: +this.area().toFixed(3) }; } };
class JsonCircle extends mixin(Circle) {}
console.log(JSON.stringify([new JsonCircle(2)]), new JsonCircle(1), JsonCircle.name);
