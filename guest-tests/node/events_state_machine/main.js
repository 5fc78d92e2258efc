const { EventEmitter } = require('events');
class TrafficLight extends EventEmitter {
  static transitions = { green: { timer: 'yellow', emergency: 'red' }, yellow: { timer: 'red', emergency: 'red' }, red: { timer: 'green', emergency: 'red' } };
  #state = 'red';
  get state() { return this.#state; }
  send(event) {
    const next = TrafficLight.transitions[this.#state][event];
    if (!next) { this.emit('invalid', event, this.#state); return this; }
    const prev = this.#state; this.#state = next;
    this.emit('transition', { from: prev, to: next, event });
    this.emit(next, prev);
    return this;
  }
}
const light = new TrafficLight();
const history = [];
light.on('transition', (t) => { history.push(t); console.log(`${t.from.padEnd(6)} --${t.event}--> ${t.to}`); });
light.once('green', (prev) => console.log('first time green, came from', prev));
light.on('invalid', (e, s) => console.log(`invalid event "${e}" in state ${s}`));
for (const e of ['timer', 'timer', 'timer', 'bogus', 'emergency', 'timer', 'timer']) light.send(e);
console.log(light.state, history.length);
console.log(history.slice(-2));
console.log(light.listenerCount('green'), light.listenerCount('transition'), light.eventNames());
const bus = new EventEmitter();
const order = [];
bus.on('msg', (m) => { order.push('a:' + m); if (m === 1) bus.emit('msg', 2); });
bus.on('msg', (m) => order.push('b:' + m));
bus.emit('msg', 1);
console.log(order);
const counter = new EventEmitter();
let total = 0;
const add = (n) => { total += n; };
counter.on('add', add).on('add', add);
counter.emit('add', 5);
counter.removeListener('add', add);
counter.emit('add', 1);
console.log('total', total, counter.listenerCount('add'));
counter.setMaxListeners(1);
console.log(counter.getMaxListeners());
