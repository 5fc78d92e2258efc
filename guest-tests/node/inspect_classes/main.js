class Animal {
  static count = 0;
  #secret = 'hidden';
  constructor(name, legs) {
    this.name = name;
    this.legs = legs;
    Animal.count++;
  }
  get description() { return `${this.name} with ${this.legs} legs`; }
  speak() { return `${this.name} makes a sound`; }
  reveal() { return this.#secret; }
}
class Dog extends Animal {
  constructor(name) { super(name, 4); this.tricks = ['sit', 'roll']; }
  speak() { return `${this.name} barks`; }
}
class Empty {}
const a = new Animal('Generic', 2);
const d = new Dog('Rex');
console.log(a);
console.log(d);
console.log(new Empty());
console.log(d.speak(), '|', a.speak(), '|', d.description);
console.log(Animal.count, d.reveal());
console.log(d instanceof Animal, Object.getPrototypeOf(d) === Dog.prototype);
console.log(Animal);
console.log(Dog);
console.log(Empty);
console.log([d, a]);
console.log({ pet: d });
console.log(Object.keys(d), JSON.stringify(d));
console.log(typeof Animal, Animal.name, Dog.name);
class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  toString() { return `(${this.x}, ${this.y})`; }
}
const p = new Point(1, 2);
console.log(p, `${p}`, String(p), p + '');
console.log(class {});
console.log(new (class {})());
const Anon = class Named { };
console.log(Anon, new Anon());
