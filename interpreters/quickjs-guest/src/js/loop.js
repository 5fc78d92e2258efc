// The event loop's JavaScript half, in Node's order.
//
// main.rs runs the program, then repeatedly: the nextTick queue and the promise jobs until
// both are empty (`host.runTicks` and QuickJS's job queue), then one macrotask
// (`host.tick`). Macrotasks come in Node's phases: expired timers (by due time, then creation
// order), then stdin and readline I/O, then immediates queued before the phase began. Time is
// the loop's cached clock in whole milliseconds, as libuv's, so timers created in one turn
// compare as Node's do. The loop sleeps only until the next timer is due, and the host's
// deadline still ends the run during that sleep.
(function (host) {
  'use strict';

  let loopTime = Math.floor(host.now());
  const updateTime = () => { loopTime = Math.floor(host.now()); };
  // Called just before the program starts, so that its timers count from then.
  let programStart = null;
  host.updateTime = () => {
    updateTime();
    programStart = loopTime;
  };

  // ---- process.nextTick ----

  const ticks = [];
  host.nextTick = (fn, ...args) => {
    if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
    ticks.push([fn, args]);
  };
  // An error that escapes a callback goes to the process's 'uncaughtException' listeners when
  // it has any (after 'uncaughtExceptionMonitor'), and the loop goes on, as in Node; false
  // when there are none, and the program ends with the error.
  host.handleUncaught = (err) => {
    const process = globalThis.process;
    if (process === undefined || process.listenerCount('uncaughtException') === 0) return false;
    process.emit('uncaughtExceptionMonitor', err, 'uncaughtException');
    process.emit('uncaughtException', err, 'uncaughtException');
    return true;
  };
  // A rejection nothing handled: the process's 'unhandledRejection' listeners take it when it
  // has any; otherwise, in Node's default mode, it is an uncaught exception (a reason that is
  // not an Error wrapped as Node wraps it). False when nothing took it.
  host.handleRejection = (reason, promise) => {
    const process = globalThis.process;
    if (process === undefined) return false;
    if (process.listenerCount('unhandledRejection') > 0) {
      process.emit('unhandledRejection', reason, promise);
      return true;
    }
    if (process.listenerCount('uncaughtException') === 0) return false;
    let error = reason;
    if (!(reason instanceof Error)) {
      error = new Error('This error originated either by throwing inside of an async function without a catch block, ' +
        `or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${host.inspect(reason)}".`);
      error.name = 'UnhandledPromiseRejection';
      host.coded(error, 'ERR_UNHANDLED_REJECTION');
    }
    process.emit('uncaughtExceptionMonitor', error, 'unhandledRejection');
    process.emit('uncaughtException', error, 'unhandledRejection');
    return true;
  };
  const guarded = (fn, args, thisArg) => {
    try {
      Reflect.apply(fn, thisArg, args);
    } catch (err) {
      if (!host.handleUncaught(err)) throw err;
    }
  };

  // Runs every queued tick (and the ticks they queue); true when any ran.
  host.runTicks = () => {
    if (ticks.length === 0) return false;
    while (ticks.length > 0) {
      const [fn, args] = ticks.shift();
      guarded(fn, args);
    }
    return true;
  };

  // ---- timers ----

  let nextId = 1;
  const timers = new Map();
  const immediates = [];

  class Timeout {
    constructor(fn, delay, args, repeat) {
      this._id = nextId++;
      this._onTimeout = fn;
      this._args = args;
      delay = Number(delay);
      if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
      this._idleTimeout = delay;
      this._repeat = repeat ? delay : null;
      // Node files timers by their whole milliseconds (`setTimeout(f, 1.8)` runs with those of
      // 1 ms, in the order they were made) and keeps the delay as given.
      this._due = loopTime + Math.trunc(delay);
      this._ref = true;
      // Node's fields: `_repeat` is read after each call (a callback may set it), and
      // `_destroyed` is set once the timer has fired for good or been cleared.
      this._destroyed = false;
      timers.set(this._id, this);
    }
    ref() { this._ref = true; return this; }
    unref() { this._ref = false; return this; }
    hasRef() { return this._ref; }
    // Starts the delay again from now; a timeout that has fired runs once more.
    refresh() {
      if (!this._destroyed) {
        this._due = loopTime + Math.trunc(this._idleTimeout);
        timers.set(this._id, this);
      }
      return this;
    }
    close() { clearTimer(this); return this; }
    [Symbol.toPrimitive]() { return this._id; }
    [Symbol.dispose]() { clearTimer(this); }
  }

  class Immediate {
    constructor(fn, args) {
      this._onImmediate = fn;
      this._args = args;
      this._cleared = false;
      // Node's field: true once the immediate has run or been cleared.
      this._destroyed = false;
      this._ref = true;
      immediates.push(this);
    }
    ref() { this._ref = true; return this; }
    unref() { this._ref = false; return this; }
    hasRef() { return this._ref; }
    [Symbol.dispose]() { globalThis.clearImmediate(this); }
  }

  const checkCallback = (fn) => {
    if (typeof fn !== 'function') throw host.invalidArgType('callback', 'function', fn);
  };
  globalThis.setTimeout = function setTimeout(fn, delay, ...args) { checkCallback(fn); return new Timeout(fn, delay, args, false); };
  globalThis.setInterval = function setInterval(fn, delay, ...args) { checkCallback(fn); return new Timeout(fn, delay, args, true); };
  globalThis.setImmediate = function setImmediate(fn, ...args) { checkCallback(fn); return new Immediate(fn, args); };
  // util.promisify(setTimeout) and util.promisify(setImmediate) are timers/promises', as in Node.
  for (const name of ['setTimeout', 'setImmediate']) {
    Object.defineProperty(globalThis[name], Symbol.for('nodejs.util.promisify.custom'), {
      get: () => host.internal('misc').timersPromises[name],
      enumerable: true,
      configurable: true,
    });
  }
  function clearTimer(timer) {
    if (typeof timer === 'number' || typeof timer === 'string') timer = timers.get(Number(timer));
    if (timer instanceof Timeout) {
      timer._destroyed = true;
      timers.delete(timer._id);
    }
  }
  globalThis.clearTimeout = clearTimer;
  globalThis.clearInterval = clearTimer;
  globalThis.clearImmediate = function clearImmediate(immediate) {
    if (immediate instanceof Immediate) {
      immediate._cleared = true;
      immediate._destroyed = true;
    }
  };
  host.timers = { Timeout, Immediate };

  // ---- I/O sources (stdin, readline) register here ----

  // Each source is { pending(): bool, poll(): bool } — poll runs one callback if it has one.
  const ioSources = [];
  host.addIoSource = (source) => ioSources.push(source);

  // ---- the macrotask picker ----

  // The phase being worked through, and what is left of it. A phase's work is taken when the
  // phase begins: timers due by the loop's clock, pending I/O, then the immediates queued so far
  // (one queued during the check phase waits for the next round, as in Node).
  const TIMERS = 0;
  const POLL = 1;
  const CHECK = 2;
  let phase = CHECK;
  let batch = [];
  let emittedBeforeExit = false;
  function begin(next) {
    if (next === TIMERS) {
      updateTime();
      if (programStart !== null) {
        // Node spends at least a millisecond between the end of the main program and its first
        // timers phase, so a `setTimeout(f, 0)` made there runs before a `setImmediate`.
        loopTime = Math.max(loopTime, programStart + 1);
        programStart = null;
      }
      return [...timers.values()].filter((t) => t._due <= loopTime).sort((a, b) => a._due - b._due || a._id - b._id);
    }
    if (next === POLL) return ioSources.some((s) => s.pending()) ? [{ io: true }] : [];
    return immediates.splice(0, immediates.length);
  }

  // 'beforeExit' may schedule more work; it is emitted again each time the loop runs dry.
  function beforeExit() {
    const process = globalThis.process;
    if (process.listenerCount('beforeExit') === 0) return false;
    process.emit('beforeExit', process.exitCode === undefined ? 0 : process.exitCode);
    return true;
  }

  function alive() {
    for (const t of timers.values()) if (t._ref) return true;
    return immediates.some((i) => !i._cleared && i._ref) || ioSources.some((s) => s.pending());
  }

  // Runs one macrotask; false when nothing is left to do.
  host.tick = () => {
    for (;;) {
      while (batch.length > 0) {
        const task = batch.shift();
        if (task instanceof Timeout) {
          if (!timers.has(task._id)) continue;
          timers.delete(task._id);
          emittedBeforeExit = false;
          guarded(task._onTimeout, task._args, task);
          // As Node: an interval stops when unenrolled (`_idleTimeout` -1) or left without
          // a callback.
          if (task._repeat && !task._destroyed && task._idleTimeout !== -1 && typeof task._onTimeout === 'function') {
            task._due = loopTime + Math.trunc(task._repeat);
            timers.set(task._id, task);
          } else if (!timers.has(task._id)) {
            task._destroyed = true;
          }
          return true;
        }
        if (task instanceof Immediate) {
          if (task._cleared) continue;
          emittedBeforeExit = false;
          task._destroyed = true;
          guarded(task._onImmediate, task._args, task);
          return true;
        }
        if (task.io) {
          for (const source of ioSources) {
            if (source.pending() && source.poll()) {
              emittedBeforeExit = false;
              return true;
            }
          }
        }
      }
      if (!alive()) {
        if (emittedBeforeExit) return false;
        emittedBeforeExit = true;
        return beforeExit();
      }
      let found = false;
      for (let step = 0; step < 3 && !found; step++) {
        phase = (phase + 1) % 3;
        batch = begin(phase);
        found = batch.length > 0;
      }
      if (!found) {
        let next = Infinity;
        for (const t of timers.values()) if (t._ref && t._due < next) next = t._due;
        if (next === Infinity) return false;
        const wait = next - host.now();
        if (wait > 0) host.sleep(wait);
        // After the wait, the next round starts with its timers.
        phase = CHECK;
      }
    }
  };
})(globalThis.__codebox);
