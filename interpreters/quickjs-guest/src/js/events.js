// EventEmitter with Node's semantics: listener order, once, prepend, 'newListener' and
// 'removeListener', and an 'error' event that throws when nobody listens.
(function (host) {
  'use strict';

  const kEvents = Symbol('events');

  function listenersOf(emitter) {
    if (!Object.prototype.hasOwnProperty.call(emitter, kEvents)) {
      Object.defineProperty(emitter, kEvents, { value: new Map(), enumerable: false, writable: true });
    }
    return emitter[kEvents];
  }

  class EventEmitter {
    constructor() {
      listenersOf(this);
    }

    setMaxListeners(n) { Object.defineProperty(this, '_maxListeners', { value: n, writable: true, enumerable: false, configurable: true }); return this; }
    getMaxListeners() { return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners; }

    _add(name, listener, prepend, once) {
      if (typeof listener !== 'function') {
        throw new TypeError(`The "listener" argument must be of type function. Received ${listener === null ? 'null' : typeof listener === 'object' ? 'an instance of ' + (listener.constructor && listener.constructor.name || 'Object') : `type ${typeof listener} (${host.inspect(listener)})`}`);
      }
      const events = listenersOf(this);
      if (events.has('newListener')) this.emit('newListener', name, listener);
      const entry = { listener, once };
      const list = events.get(name) || [];
      if (prepend) list.unshift(entry); else list.push(entry);
      events.set(name, list);
      return this;
    }

    on(name, listener) { return this._add(name, listener, false, false); }
    addListener(name, listener) { return this._add(name, listener, false, false); }
    prependListener(name, listener) { return this._add(name, listener, true, false); }
    once(name, listener) { return this._add(name, listener, false, true); }
    prependOnceListener(name, listener) { return this._add(name, listener, true, true); }

    off(name, listener) { return this.removeListener(name, listener); }
    removeListener(name, listener) {
      const events = listenersOf(this);
      const list = events.get(name);
      if (!list) return this;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i].listener === listener) {
          list.splice(i, 1);
          if (list.length === 0) events.delete(name);
          if (events.has('removeListener')) this.emit('removeListener', name, listener);
          break;
        }
      }
      return this;
    }

    removeAllListeners(name) {
      const events = listenersOf(this);
      if (name === undefined) events.clear(); else events.delete(name);
      return this;
    }

    emit(name, ...args) {
      const list = listenersOf(this).get(name);
      if (!list || list.length === 0) {
        if (name === 'error') {
          const err = args[0];
          if (err instanceof Error) throw err;
          const wrapped = new Error(`Unhandled error. (${host.inspect(err)})`);
          wrapped.code = 'ERR_UNHANDLED_ERROR';
          wrapped.context = err;
          throw wrapped;
        }
        return false;
      }
      for (const entry of list.slice()) {
        if (entry.once) this.removeListener(name, entry.listener);
        entry.listener.apply(this, args);
      }
      return true;
    }

    listenerCount(name) { const list = listenersOf(this).get(name); return list ? list.length : 0; }
    listeners(name) { return (listenersOf(this).get(name) || []).map((e) => e.listener); }
    rawListeners(name) { return this.listeners(name); }
    eventNames() { return [...listenersOf(this).keys()]; }
  }

  EventEmitter.defaultMaxListeners = 10;
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.once = (emitter, name) => new Promise((resolve, reject) => {
    const onError = (err) => { emitter.removeListener(name, onEvent); reject(err); };
    const onEvent = (...args) => { if (name !== 'error') emitter.removeListener('error', onError); resolve(args); };
    emitter.once(name, onEvent);
    if (name !== 'error') emitter.once('error', onError);
  });
  EventEmitter.listenerCount = (emitter, name) => emitter.listenerCount(name);
  // Node's inspect hides the bookkeeping fields; ours are symbols and non-enumerable.
  host.EventEmitter = EventEmitter;
})(globalThis.__codebox);
