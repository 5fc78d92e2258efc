// The web's event and cancellation globals Node 20 has and QuickJS lacks: DOMException, Event,
// CustomEvent, EventTarget, AbortSignal and AbortController. Timers, streams and `events.once`
// take an AbortSignal as Node's do, and reject with the AbortError defined here.
(function (host) {
  'use strict';

  const LEGACY_CODES = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
    SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
    QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
  };

  class DOMException extends Error {
    constructor(message = '', options = 'Error') {
      super(message);
      let name = options;
      if (options !== null && typeof options === 'object') {
        name = 'name' in options ? options.name : 'Error';
        if ('cause' in options) {
          Object.defineProperty(this, 'cause', { __proto__: null, value: options.cause, writable: true, configurable: true });
        }
      }
      Object.defineProperty(this, 'name', { __proto__: null, value: String(name), writable: true, configurable: true });
    }

    get code() {
      return LEGACY_CODES[this.name] || 0;
    }
  }
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });
  for (const [name, code] of Object.entries(LEGACY_CODES)) {
    const constant = name.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
    const key = name === 'URLMismatchError' ? 'URL_MISMATCH_ERR' : `${constant}_ERR`;
    Object.defineProperty(DOMException, key, { value: code, enumerable: true });
    Object.defineProperty(DOMException.prototype, key, { value: code, enumerable: true });
  }

  const kStop = Symbol('kStop');
  // Where an event is being dispatched, kept outside the event so that only EventTarget sets it.
  const dispatchOf = new WeakMap();

  class Event {
    #type;
    #bubbles;
    #cancelable;
    #composed;
    #defaultPrevented = false;
    #timeStamp = host.now();
    #propagationStopped = false;

    constructor(type, options = undefined) {
      if (arguments.length === 0) {
        const error = new TypeError('The "type" argument must be specified');
        host.coded(error, 'ERR_MISSING_ARGS');
        throw error;
      }
      if (options != null && typeof options !== 'object') {
        throw host.invalidArgType('options', 'object', options);
      }
      this.#type = `${type}`;
      this.#bubbles = !!(options && options.bubbles);
      this.#cancelable = !!(options && options.cancelable);
      this.#composed = !!(options && options.composed);
    }

    get type() { return this.#type; }
    get bubbles() { return this.#bubbles; }
    get cancelable() { return this.#cancelable; }
    get composed() { return this.#composed; }
    get defaultPrevented() { return this.#cancelable && this.#defaultPrevented; }
    get timeStamp() { return this.#timeStamp; }
    get target() { return dispatchOf.has(this) ? dispatchOf.get(this).target : null; }
    get currentTarget() { return this.#dispatching() ? this.target : null; }
    get srcElement() { return this.target; }
    get eventPhase() { return this.#dispatching() ? Event.AT_TARGET : Event.NONE; }
    get isTrusted() { return false; }
    get returnValue() { return !this.defaultPrevented; }
    get cancelBubble() { return this.#propagationStopped; }
    set cancelBubble(value) { if (value) this.#propagationStopped = true; }
    composedPath() { return this.#dispatching() ? [this.target] : []; }
    preventDefault() { this.#defaultPrevented = true; }
    stopPropagation() { this.#propagationStopped = true; }
    stopImmediatePropagation() { this.#propagationStopped = true; this[kStop] = true; }

    #dispatching() {
      return dispatchOf.has(this) && dispatchOf.get(this).dispatching;
    }

    [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
      const name = this.constructor.name;
      if (depth < 0) return name;
      return `${name} ${host.inspect({
        type: this.#type,
        defaultPrevented: this.defaultPrevented,
        cancelable: this.#cancelable,
        timeStamp: this.#timeStamp,
      }, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
    }
  }
  for (const [name, value] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
    Object.defineProperty(Event, name, { value, enumerable: true });
    Object.defineProperty(Event.prototype, name, { value, enumerable: true });
  }
  Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });

  class CustomEvent extends Event {
    #detail;

    constructor(type, options = undefined) {
      super(type, options);
      this.#detail = options && options.detail !== undefined ? options.detail : null;
    }

    get detail() { return this.#detail; }
  }
  Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, { value: 'CustomEvent', configurable: true });

  const listenersOf = new WeakMap();

  // Node's internal option: a listener that runs even after stopImmediatePropagation()
  // (events.addAbortListener's).
  const kResistStopPropagation = Symbol('kResistStopPropagation');

  function flagsOf(options) {
    if (typeof options === 'boolean') return { capture: options, once: false, passive: false, signal: undefined, resist: false };
    if (options == null) return { capture: false, once: false, passive: false, signal: undefined, resist: false };
    return {
      capture: !!options.capture, once: !!options.once, passive: !!options.passive, signal: options.signal,
      resist: !!options[kResistStopPropagation],
    };
  }

  class EventTarget {
    constructor() {
      listenersOf.set(this, new Map());
    }

    addEventListener(type, listener, options = undefined) {
      if (arguments.length < 2) {
        const error = new TypeError('The "type" and "listener" arguments must be specified');
        host.coded(error, 'ERR_MISSING_ARGS');
        throw error;
      }
      const { capture, once, passive, signal, resist } = flagsOf(options);
      if (listener == null) {
        process.emitWarning(`addEventListener called with ${listener} which has no effect.`,
          'AddEventListenerArgumentTypeWarning');
        return;
      }
      if (typeof listener !== 'function' && typeof listener !== 'object') {
        throw host.invalidArgType('listener', 'an instance of EventListener', listener);
      }
      if (signal) {
        if (signal.aborted) return;
        signal.addEventListener('abort', () => this.removeEventListener(type, listener, options), { once: true });
      }
      const all = listenersOf.get(this) || new Map();
      listenersOf.set(this, all);
      type = `${type}`;
      const list = all.get(type) || [];
      if (list.some((l) => l.listener === listener && l.capture === capture)) return;
      list.push({ listener, capture, once, passive, resist, removed: false });
      all.set(type, list);
    }

    removeEventListener(type, listener, options = undefined) {
      const all = listenersOf.get(this);
      if (!all) return;
      const { capture } = flagsOf(options);
      const list = all.get(`${type}`);
      if (!list) return;
      const index = list.findIndex((l) => l.listener === listener && l.capture === capture);
      if (index !== -1) {
        list[index].removed = true;
        list.splice(index, 1);
      }
    }

    dispatchEvent(event) {
      if (!(event instanceof Event)) throw host.invalidArgType('event', 'an instance of Event', event);
      if (dispatchOf.has(event) && dispatchOf.get(event).dispatching) {
        throw new DOMException('The event is already being dispatched', 'InvalidStateError');
      }
      dispatchOf.set(event, { target: this, dispatching: true });
      try {
        const all = listenersOf.get(this);
        const list = all ? (all.get(event.type) || []).slice() : [];
        for (const entry of list) {
          if (entry.removed || (event[kStop] && !entry.resist)) continue;
          if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
          try {
            const listener = entry.listener;
            const result = typeof listener === 'function'
              ? listener.call(this, event)
              : listener.handleEvent(event);
            if (result && typeof result.then === 'function') {
              result.then(undefined, (err) => process.nextTick(() => { throw err; }));
            }
          } catch (err) {
            // A listener's error does not stop the others: it is reported as uncaught.
            process.nextTick(() => { throw err; });
          }
        }
      } finally {
        dispatchOf.get(event).dispatching = false;
      }
      return !event.defaultPrevented;
    }

    [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
      const name = this.constructor.name;
      if (depth < 0) return name;
      return `${name} ${host.inspect({}, options)}`;
    }
  }
  Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });
  host.listenerCountOf = (target, type) => {
    const all = listenersOf.get(target);
    return all && all.get(type) ? all.get(type).length : 0;
  };
  host.eventListenersOf = (target, type) => {
    const all = listenersOf.get(target);
    return all && all.get(type) ? all.get(type).map((l) => l.listener) : [];
  };

  const kAborted = Symbol('kAborted');
  const kReason = Symbol('kReason');
  let constructing = false;

  class AbortSignal extends EventTarget {
    constructor() {
      if (!constructing) {
        const error = new TypeError('Illegal constructor');
        host.coded(error, 'ERR_ILLEGAL_CONSTRUCTOR');
        throw error;
      }
      super();
      this[kAborted] = false;
      this[kReason] = undefined;
      this.onabort = null;
    }

    get aborted() { return this[kAborted]; }
    get reason() { return this[kReason]; }

    throwIfAborted() {
      if (this[kAborted]) throw this[kReason];
    }

    static abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
      const signal = newSignal();
      signal[kAborted] = true;
      signal[kReason] = reason;
      return signal;
    }

    static timeout(delay) {
      if (typeof delay !== 'number') throw host.invalidArgType('delay', 'number', delay);
      const signal = newSignal();
      const timer = setTimeout(() => {
        abortSignal(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      }, delay);
      if (timer && typeof timer.unref === 'function') timer.unref();
      return signal;
    }

    static any(signals) {
      const signal = newSignal();
      for (const source of signals) {
        if (source.aborted) {
          signal[kAborted] = true;
          signal[kReason] = source.reason;
          return signal;
        }
      }
      for (const source of signals) {
        source.addEventListener('abort', () => abortSignal(signal, source.reason), { once: true });
      }
      return signal;
    }

    [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
      if (depth < 0) return 'AbortSignal';
      return `AbortSignal ${host.inspect({ aborted: this[kAborted] }, options)}`;
    }
  }
  Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });

  function newSignal() {
    constructing = true;
    try {
      return new AbortSignal();
    } finally {
      constructing = false;
    }
  }

  function abortSignal(signal, reason) {
    if (signal[kAborted]) return;
    signal[kAborted] = true;
    signal[kReason] = reason;
    const event = new Event('abort');
    if (typeof signal.onabort === 'function') signal.onabort(event);
    signal.dispatchEvent(event);
  }

  class AbortController {
    #signal = newSignal();

    get signal() { return this.#signal; }

    abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
      abortSignal(this.#signal, reason);
    }

    [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
      if (depth < 0) return 'AbortController';
      return `AbortController ${host.inspect({ signal: this.#signal }, options)}`;
    }
  }
  Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });

  // What an operation cancelled through an AbortSignal rejects with (timers, streams,
  // `events.once`): Node's AbortError, with the signal's reason as its cause.
  class AbortError extends Error {
    constructor(message = 'The operation was aborted', options = undefined) {
      super(message, options);
      this.code = 'ABORT_ERR';
      this.name = 'AbortError';
    }
  }

  return { DOMException, Event, CustomEvent, EventTarget, AbortSignal, AbortController, AbortError, kResistStopPropagation };
})(globalThis.__codebox);
