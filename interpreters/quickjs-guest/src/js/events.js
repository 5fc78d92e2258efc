// EventEmitter with Node's semantics and Node's shape: a constructor function (so that
// `EventEmitter.call(this)` and util.inherits work), listeners kept in `_events` (one function,
// or an array of them), `once` wrappers that rawListeners() shows, 'newListener' and
// 'removeListener', `errorMonitor`, and an 'error' event that throws when nobody listens.
(function (host) {
  'use strict';

  const kCapture = Symbol('kCapture');
  const kShapeMode = Symbol('shapeMode');
  const errorMonitor = Symbol('events.errorMonitor');
  const captureRejectionSymbol = Symbol.for('nodejs.rejection');
  let defaultMaxListeners = 10;

  const checkListener = (listener) => {
    if (typeof listener !== 'function') throw host.invalidArgType('listener', 'function', listener);
  };

  function EventEmitter(options) {
    EventEmitter.init.call(this, options);
  }

  // The fields every emitter has, in Node's order; a prototype's `_events` is never shared.
  EventEmitter.init = function init(options) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
    if (this[kShapeMode] === undefined) this[kShapeMode] = false;
    if (options !== undefined && options !== null && options.captureRejections !== undefined) {
      if (typeof options.captureRejections !== 'boolean') {
        throw host.invalidArgType('options.captureRejections', 'boolean', options.captureRejections);
      }
      this[kCapture] = options.captureRejections;
    } else {
      this[kCapture] = EventEmitter.prototype[kCapture];
    }
  };

  function addListener(target, type, listener, prepend) {
    checkListener(listener);
    let events = target._events;
    if (events === undefined) {
      events = target._events = Object.create(null);
      target._eventsCount = 0;
    } else if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ? listener.listener : listener);
      // A 'newListener' listener may have replaced the table.
      events = target._events;
    }
    const existing = events[type];
    if (existing === undefined) {
      events[type] = listener;
      target._eventsCount += 1;
    } else if (typeof existing === 'function') {
      events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    // Past the limit, Node warns once per event name that listeners may be leaking.
    const list = events[type];
    // Read as Node reads it, so that `on.call(anyObject)` works too.
    const max = target._maxListeners === undefined ? EventEmitter.defaultMaxListeners : target._maxListeners;
    if (Array.isArray(list) && max > 0 && list.length > max && !list.warned) {
      list.warned = true;
      const name = typeof type === 'symbol' ? type.toString() : String(type);
      const warning = new Error(`Possible EventEmitter memory leak detected. ${list.length} ${name} listeners ` +
        `added to ${host.inspect(target, { depth: -1 })}. MaxListeners is ${max}. ` +
        'Use emitter.setMaxListeners() to increase limit');
      warning.name = 'MaxListenersExceededWarning';
      warning.emitter = target;
      warning.type = type;
      warning.count = list.length;
      process.emitWarning(warning);
    }
    return target;
  }

  // The wrapper `once` registers: it removes itself, then calls the listener once.
  function onceWrapper(...args) {
    if (!this.fired) {
      this.target.removeListener(this.type, this.wrapFn);
      this.fired = true;
      return this.listener.apply(this.target, args);
    }
    return undefined;
  }
  function onceWrap(target, type, listener) {
    const state = { fired: false, wrapFn: undefined, target, type, listener };
    const wrapped = onceWrapper.bind(state);
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
  }

  // A listener that returns a promise reports its rejection as 'error' when the emitter
  // captures rejections.
  function captureRejection(emitter, result, type, args) {
    if (result === undefined || result === null || typeof result.then !== 'function') return;
    result.then(undefined, (err) => {
      globalThis.process.nextTick(() => {
        if (typeof emitter[captureRejectionSymbol] === 'function') {
          emitter[captureRejectionSymbol](err, type, ...args);
        } else {
          const capture = emitter[kCapture];
          try {
            emitter[kCapture] = false;
            emitter.emit('error', err);
          } finally {
            emitter[kCapture] = capture;
          }
        }
      });
    });
  }

  const unwrap = (list) => list.map((listener) => listener.listener || listener);

  const methods = {
    _events: undefined,
    _eventsCount: 0,
    _maxListeners: undefined,

    setMaxListeners(n) {
      if (typeof n !== 'number') throw host.invalidArgType('n', 'number', n);
      if (n < 0 || Number.isNaN(n)) {
        const error = new RangeError(`The value of "n" is out of range. It must be a non-negative number. Received ${host.inspect(n)}`);
        host.coded(error, 'ERR_OUT_OF_RANGE');
        throw error;
      }
      this._maxListeners = n;
      return this;
    },
    getMaxListeners() {
      return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners;
    },

    emit(type, ...args) {
      let doError = type === 'error';
      const events = this._events;
      if (events !== undefined) {
        if (doError && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
        doError = doError && events.error === undefined;
      } else if (!doError) {
        return false;
      }
      if (doError) {
        const err = args[0];
        if (err instanceof Error) throw err;
        let shown;
        try { shown = host.inspect(err); } catch { shown = String(err); }
        const wrapped = new Error(`Unhandled error. (${shown})`);
        host.coded(wrapped, 'ERR_UNHANDLED_ERROR');
        wrapped.context = err;
        throw wrapped;
      }
      const handler = events[type];
      if (handler === undefined) return false;
      if (typeof handler === 'function') {
        const result = handler.apply(this, args);
        if (this[kCapture]) captureRejection(this, result, type, args);
      } else {
        for (const listener of handler.slice()) {
          const result = listener.apply(this, args);
          if (this[kCapture]) captureRejection(this, result, type, args);
        }
      }
      return true;
    },

    addListener(type, listener) { return addListener(this, type, listener, false); },
    prependListener(type, listener) { return addListener(this, type, listener, true); },
    once(type, listener) {
      checkListener(listener);
      return this.on(type, onceWrap(this, type, listener));
    },
    prependOnceListener(type, listener) {
      checkListener(listener);
      return this.prependListener(type, onceWrap(this, type, listener));
    },

    removeListener(type, listener) {
      checkListener(listener);
      const events = this._events;
      if (events === undefined) return this;
      const list = events[type];
      if (list === undefined) return this;
      if (list === listener || list.listener === listener) {
        this._eventsCount -= 1;
        if (this._eventsCount === 0) this._events = Object.create(null);
        else {
          delete events[type];
          if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
        }
      } else if (typeof list !== 'function') {
        let position = -1;
        for (let i = list.length - 1; i >= 0; i--) {
          if (list[i] === listener || list[i].listener === listener) { position = i; break; }
        }
        if (position < 0) return this;
        list.splice(position, 1);
        if (list.length === 1) events[type] = list[0];
        if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
      }
      return this;
    },

    removeAllListeners(type) {
      const events = this._events;
      if (events === undefined) return this;
      // Without 'removeListener' listeners, nobody needs to hear of each removal.
      if (events.removeListener === undefined) {
        if (type === undefined) {
          this._events = Object.create(null);
          this._eventsCount = 0;
        } else if (events[type] !== undefined) {
          this._eventsCount -= 1;
          if (this._eventsCount === 0) this._events = Object.create(null);
          else delete events[type];
        }
        return this;
      }
      if (type === undefined) {
        for (const key of Reflect.ownKeys(events)) {
          if (key !== 'removeListener') this.removeAllListeners(key);
        }
        this.removeAllListeners('removeListener');
        this._events = Object.create(null);
        this._eventsCount = 0;
        return this;
      }
      const listeners = events[type];
      if (typeof listeners === 'function') this.removeListener(type, listeners);
      else if (listeners !== undefined) {
        for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
      }
      return this;
    },

    listeners(type) {
      const list = this._events === undefined ? undefined : this._events[type];
      if (list === undefined) return [];
      return typeof list === 'function' ? [list.listener || list] : unwrap(list);
    },
    rawListeners(type) {
      const list = this._events === undefined ? undefined : this._events[type];
      if (list === undefined) return [];
      return typeof list === 'function' ? [list] : list.slice();
    },
    listenerCount(type, listener) {
      const list = this._events === undefined ? undefined : this._events[type];
      if (list === undefined) return 0;
      const all = typeof list === 'function' ? [list] : list;
      if (listener === undefined || listener === null) return all.length;
      return all.filter((l) => l === listener || l.listener === listener).length;
    },
    eventNames() {
      return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
    },
  };
  // Assigned in Node's order, enumerable as Node's are, with `on` and `off` the same functions
  // as `addListener` and `removeListener`.
  for (const [key, value] of Object.entries(methods)) {
    EventEmitter.prototype[key] = value;
    if (key === 'removeListener') EventEmitter.prototype.off = value;
    if (key === 'addListener') EventEmitter.prototype.on = value;
  }
  Object.defineProperty(EventEmitter.prototype, kCapture, { value: false, writable: true, enumerable: false });

  Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
    enumerable: true,
    get: () => defaultMaxListeners,
    set: (n) => {
      if (typeof n !== 'number') throw host.invalidArgType('defaultMaxListeners', 'number', n);
      if (n < 0 || Number.isNaN(n)) {
        const error = new RangeError(`The value of "defaultMaxListeners" is out of range. It must be a non-negative number. Received ${host.inspect(n)}`);
        host.coded(error, 'ERR_OUT_OF_RANGE');
        throw error;
      }
      defaultMaxListeners = n;
    },
  });
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.errorMonitor = errorMonitor;
  EventEmitter.captureRejectionSymbol = captureRejectionSymbol;
  Object.defineProperty(EventEmitter, 'captureRejections', {
    enumerable: true,
    get: () => EventEmitter.prototype[kCapture],
    set: (value) => {
      if (typeof value !== 'boolean') throw host.invalidArgType('EventEmitter.captureRejections', 'boolean', value);
      EventEmitter.prototype[kCapture] = value;
    },
  });
  // `events.once`: the arguments of the next `name` event, of an EventEmitter or an
  // EventTarget; an 'error' event rejects, and so does aborting `options.signal`.
  EventEmitter.once = async function once(emitter, name, options = {}) {
    if (options === null || typeof options !== 'object') throw host.invalidArgType('options', 'object', options);
    const { signal } = options;
    const { AbortError, AbortSignal } = host.internal('event_target');
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw host.invalidArgType('options.signal', 'an instance of AbortSignal', signal);
    }
    if (signal && signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
    const isTarget = typeof emitter.addEventListener === 'function';
    return new Promise((resolve, reject) => {
      const onError = (err) => {
        emitter.removeListener(name, onEvent);
        if (signal) signal.removeEventListener('abort', onAbort);
        reject(err);
      };
      const onEvent = (...args) => {
        if (!isTarget && name !== 'error') emitter.removeListener('error', onError);
        if (signal) signal.removeEventListener('abort', onAbort);
        resolve(args);
      };
      const onAbort = () => {
        if (isTarget) {
          emitter.removeEventListener(name, onEvent);
        } else {
          emitter.removeListener(name, onEvent);
          emitter.removeListener('error', onError);
        }
        reject(new AbortError(undefined, { cause: signal.reason }));
      };
      if (isTarget) {
        emitter.addEventListener(name, onEvent, { once: true });
      } else {
        emitter.once(name, onEvent);
        if (name !== 'error') emitter.once('error', onError);
      }
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
    });
  };
  const asyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

  // An async iterator over the emitter's `event`s (each as the array of its arguments), ended by
  // return() and failed by an 'error' event.
  EventEmitter.on = function on(emitter, event) {
    const queued = [];
    const waiting = [];
    let failure = null;
    let finished = false;
    const stop = () => {
      finished = true;
      emitter.removeListener(event, onEvent);
      if (event !== 'error') emitter.removeListener('error', onError);
    };
    const onEvent = (...args) => {
      const waiter = waiting.shift();
      if (waiter) waiter.resolve({ value: args, done: false });
      else queued.push(args);
    };
    const onError = (err) => {
      stop();
      const waiter = waiting.shift();
      if (waiter) waiter.reject(err);
      else failure = err;
      for (const rest of waiting.splice(0)) rest.resolve({ value: undefined, done: true });
    };
    emitter.on(event, onEvent);
    if (event !== 'error') emitter.on('error', onError);
    return Object.setPrototypeOf({
      next() {
        if (queued.length > 0) return Promise.resolve({ value: queued.shift(), done: false });
        if (failure !== null) {
          const err = failure;
          failure = null;
          return Promise.reject(err);
        }
        if (finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() {
        stop();
        for (const waiter of waiting.splice(0)) waiter.resolve({ value: undefined, done: true });
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(err) {
        stop();
        return Promise.reject(err);
      },
    }, asyncIteratorPrototype);
  };
  // The static form also counts for an emitter whose own listenerCount is gone.
  // Calls `listener` once `signal` aborts (at once, in a microtask, if it has); disposing of
  // what it answers removes the listener.
  EventEmitter.addAbortListener = function addAbortListener(signal, listener) {
    if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
      throw host.invalidArgType('signal', 'an instance of AbortSignal', signal);
    }
    if (typeof listener !== 'function') throw host.invalidArgType('listener', 'function', listener);
    let remove;
    if (signal.aborted) {
      queueMicrotask(() => listener());
    } else {
      const { kResistStopPropagation } = host.internal('event_target');
      signal.addEventListener('abort', listener, { __proto__: null, once: true, [kResistStopPropagation]: true });
      remove = () => { signal.removeEventListener('abort', listener); };
    }
    return { __proto__: null, [Symbol.dispose]() { if (remove) remove(); } };
  };
  EventEmitter.listenerCount = (emitter, type) => (typeof emitter.listenerCount === 'function'
    ? emitter.listenerCount(type)
    : EventEmitter.prototype.listenerCount.call(emitter, type));
  const isEventTarget = (target) => typeof target.addEventListener === 'function' && typeof target.listeners !== 'function';
  // The listeners, and the listener limit, of an EventEmitter or an EventTarget.
  const targetMaxListeners = new WeakMap();
  EventEmitter.getEventListeners = (emitter, type) =>
    (isEventTarget(emitter) ? host.eventListenersOf(emitter, type) : emitter.listeners(type));
  EventEmitter.getMaxListeners = (emitter) => {
    if (emitter && typeof emitter.getMaxListeners === 'function') return emitter.getMaxListeners();
    if (emitter && isEventTarget(emitter)) {
      return targetMaxListeners.has(emitter) ? targetMaxListeners.get(emitter) : EventEmitter.defaultMaxListeners;
    }
    throw host.invalidArgType('emitter', 'an instance of EventEmitter or EventTarget', emitter);
  };
  EventEmitter.setMaxListeners = (n = defaultMaxListeners, ...targets) => {
    if (typeof n !== 'number') throw host.invalidArgType('n', 'number', n);
    if (n < 0 || Number.isNaN(n)) {
      throw host.coded(new RangeError(`The value of "n" is out of range. It must be a non-negative number. Received ${host.inspect(n)}`), 'ERR_OUT_OF_RANGE');
    }
    if (targets.length === 0) {
      EventEmitter.defaultMaxListeners = n;
      return;
    }
    for (const target of targets) {
      if (target && isEventTarget(target)) targetMaxListeners.set(target, n);
      else if (target && typeof target.setMaxListeners === 'function') target.setMaxListeners(n);
      else throw host.invalidArgType('eventTargets', 'an instance of EventEmitter or EventTarget', target);
    }
  };
  host.EventEmitter = EventEmitter;
})(globalThis.__codebox);
