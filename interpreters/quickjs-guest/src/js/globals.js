// The global environment as Node 20 has it: what QuickJS lacks (structuredClone, URL,
// URLSearchParams, Buffer, ICU-like localeCompare and toLocaleString), and what QuickJS has but Node 20
// does not (newer proposals), removed so that feature checks answer as they do under Node.
(function (host) {
  'use strict';

  // ---- lazily loaded internals ----

  // Most of Node's surface is parsed only when a program first uses it: main.rs evaluates
  // the script `name` on `host.loadInternal(name)`, and its value is kept here.
  const internals = new Map();
  host.internal = (name) => {
    if (!internals.has(name)) internals.set(name, host.loadInternal(name));
    return internals.get(name);
  };
  // A global that loads on first use, then becomes a plain value.
  const lazyGlobal = (name, load) => {
    const settle = (value) => Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(globalThis, name, {
      get() { const value = load(); settle(value); return value; },
      set(value) { settle(value); },
      configurable: true,
      enumerable: false,
    });
  };
  lazyGlobal('URL', () => host.internal('url').URL);
  lazyGlobal('URLSearchParams', () => host.internal('url').URLSearchParams);
  lazyGlobal('Buffer', () => host.internal('buffer').Buffer);
  lazyGlobal('TextEncoder', () => host.internal('buffer').TextEncoder);
  lazyGlobal('TextDecoder', () => host.internal('buffer').TextDecoder);
  lazyGlobal('DOMException', () => host.internal('event_target').DOMException);
  lazyGlobal('Event', () => host.internal('event_target').Event);
  lazyGlobal('CustomEvent', () => host.internal('event_target').CustomEvent);
  lazyGlobal('EventTarget', () => host.internal('event_target').EventTarget);
  lazyGlobal('AbortSignal', () => host.internal('event_target').AbortSignal);
  lazyGlobal('AbortController', () => host.internal('event_target').AbortController);
  host.inspect = (value, options) => host.internal('inspect').inspect(value, options);
  // Node's own errors carry a code (`ERR_...`) that their stack, their inspection and their
  // toString() show after the name: `TypeError [ERR_INVALID_ARG_TYPE]: ...`.
  const codedErrors = new WeakSet();
  host.isCoded = (error) => codedErrors.has(error);
  host.coded = (error, code) => {
    error.code = code;
    codedErrors.add(error);
    // The stack's first line names the code too, as Node's does.
    const stack = error.stack;
    const name = String(error.name);
    if (typeof stack === 'string' && stack.startsWith(name) && /^(?::|\n|$)/.test(stack.slice(name.length))) {
      error.stack = `${name} [${code}]${stack.slice(name.length)}`;
    }
    // A descriptor without a prototype: a program may have put `get` on Object.prototype.
    Object.defineProperty(error, 'toString', {
      __proto__: null,
      value() { return `${this.name} [${this.code}]: ${this.message}`; },
      writable: true,
      configurable: true,
    });
    return error;
  };
  // How Node's errors name a value they did not expect (`determineSpecificType`).
  host.specificType = (value) => {
    if (value === null) return 'null';
    if (value === undefined) return 'undefined';
    if (typeof value === 'function') return `function ${value.name}`;
    if (typeof value === 'object') {
      return value.constructor && value.constructor.name ? `an instance of ${value.constructor.name}` : host.inspect(value, { depth: -1 });
    }
    let shown = host.inspect(value, { colors: false });
    if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
    return `type ${typeof value} (${shown})`;
  };
  // Node's TypeError for an argument of the wrong type (ERR_INVALID_ARG_TYPE), worded as Node
  // words it: `expected` is a type (`string`) or a class (`an instance of Buffer`), and what was
  // received is named by its type and value, or by its class.
  host.invalidArgType = (name, expected, value) => {
    const received = `Received ${host.specificType(value)}`;
    const kind = expected.startsWith('an instance of') ? expected : `of type ${expected}`;
    // Node says "property" for a name with a dot in it (`options.signal`), and takes a name
    // that says what it is (`first argument`) as it is.
    const what = name.endsWith(' argument') ? name : `"${name}" ${name.includes('.') ? 'property' : 'argument'}`;
    const error = new TypeError(`The ${what} must be ${kind}. ${received}`);
    host.coded(error, 'ERR_INVALID_ARG_TYPE');
    return error;
  };
  host.formatWithOptions = (options, ...args) => host.internal('format').formatWithOptions(options, ...args);
  host.format = (...args) => host.internal('format').formatWithOptions(undefined, ...args);

  // Which collection an iterator walks, so that util.inspect can preview it as Node does.
  // QuickJS cannot look inside an iterator, so the collections' iterator methods note it.
  const iteratorSources = new WeakMap();
  host.iteratorSources = iteratorSources;
  const track = (proto, method, kind) => {
    const original = proto[method];
    Object.defineProperty(proto, method, {
      value: { [method]() { const it = original.call(this); iteratorSources.set(it, { source: this, kind }); return it; } }[method],
      writable: true,
      configurable: true,
    });
  };
  track(Map.prototype, 'entries', 'entries');
  track(Map.prototype, 'keys', 'keys');
  track(Map.prototype, 'values', 'values');
  track(Set.prototype, 'entries', 'entries');
  track(Set.prototype, 'values', 'values');
  Object.defineProperty(Set.prototype, 'keys', { value: Set.prototype.values, writable: true, configurable: true });
  Object.defineProperty(Map.prototype, Symbol.iterator, { value: Map.prototype.entries, writable: true, configurable: true });
  Object.defineProperty(Set.prototype, Symbol.iterator, { value: Set.prototype.values, writable: true, configurable: true });

  // ---- newer than Node 20 (V8 11.3) ----

  const remove = (object, names) => {
    for (const name of names) if (object && Object.prototype.hasOwnProperty.call(object, name)) delete object[name];
  };
  remove(Object, ['groupBy']);
  remove(Map, ['groupBy']);
  remove(Promise, ['withResolvers', 'try']);
  remove(Array, ['fromAsync']);
  remove(RegExp, ['escape']);
  remove(Math, ['sumPrecise', 'f16round']);
  remove(Error, ['isError']);
  remove(Set.prototype, ['union', 'intersection', 'difference', 'symmetricDifference', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom']);
  remove(ArrayBuffer.prototype, ['transfer', 'transferToFixedLength', 'detached']);
  if (globalThis.Iterator) {
    const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    remove(iteratorPrototype, ['map', 'filter', 'take', 'drop', 'flatMap', 'reduce', 'toArray', 'forEach', 'some', 'every', 'find', 'constructor']);
  }
  remove(globalThis, ['Iterator', 'Float16Array', 'DisposableStack', 'AsyncDisposableStack', 'SuppressedError']);

  // Node 20 defines the symbols of explicit resource management ahead of the engines.
  for (const name of ['dispose', 'asyncDispose']) {
    if (typeof Symbol[name] !== 'symbol') Object.defineProperty(Symbol, name, { value: Symbol(`Symbol.${name}`) });
  }

  // ---- structuredClone ----

  function cloneError(message) {
    const e = new Error(message);
    e.name = 'DataCloneError';
    e.code = 25;
    return e;
  }
  // The ArrayBuffers a transfer has detached, which Node's checks tell apart.
  host.detached = new WeakSet();
  globalThis.structuredClone = function structuredClone(value, options) {
    const seen = new Map();
    const transfer = options != null && options.transfer !== undefined ? Array.from(options.transfer) : [];
    for (const buffer of transfer) {
      if (!(buffer instanceof ArrayBuffer)) throw cloneError('Value not transferable');
      if (host.detached.has(buffer)) throw cloneError('An ArrayBuffer is detached and could not be cloned.');
    }
    const clone = (v) => {
      if (typeof v === 'function') throw cloneError(`${Function.prototype.toString.call(v)} could not be cloned.`);
      if (typeof v === 'symbol') throw cloneError(`${v.toString()} could not be cloned.`);
      if (v === null || typeof v !== 'object') return v;
      if (seen.has(v)) return seen.get(v);
      let out;
      if (Array.isArray(v)) { out = new Array(v.length); seen.set(v, out); for (const k of Object.keys(v)) out[k] = clone(v[k]); return out; }
      if (v instanceof Date) out = new Date(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (v instanceof Map) { out = new Map(); seen.set(v, out); for (const [k, x] of v) out.set(clone(k), clone(x)); return out; }
      else if (v instanceof Set) { out = new Set(); seen.set(v, out); for (const x of v) out.add(clone(x)); return out; }
      else if (ArrayBuffer.isView(v)) out = new v.constructor(v);
      else if (v instanceof ArrayBuffer) out = v.slice(0);
      else if (v instanceof Error) { out = new (globalThis[v.name] || Error)(v.message); if (v.stack) out.stack = v.stack; }
      else if (v instanceof Boolean || v instanceof Number || v instanceof String) out = Object(v.valueOf());
      else if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) throw cloneError(`#<${v.constructor.name}> could not be cloned.`);
      else out = {};
      seen.set(v, out);
      if (!(v instanceof Error)) for (const k of Object.keys(v)) out[k] = clone(v[k]);
      return out;
    };
    const result = clone(value);
    // A transferred buffer moves: the clone has its bytes and the original has none.
    for (const buffer of transfer) {
      host.detach(buffer);
      host.detached.add(buffer);
    }
    return result;
  };

  // ---- localeCompare and toLocaleString, for the en-US locale Node uses by default ----

  // An approximation of ICU's root collation for the text interview programs sort: ignore
  // case and accents first (whitespace and punctuation before digits before letters), then
  // accents, then case with lower before upper.
  const strip = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const rank = (ch) => {
    const c = ch.codePointAt(0);
    if (/\s/.test(ch)) return 0;
    if (/[0-9]/.test(ch)) return 2;
    if (/[a-z]/i.test(ch)) return 3;
    return c < 0x80 ? 1 : 4;
  };
  function comparePrimary(a, b) {
    const x = [...strip(a).toLowerCase()];
    const y = [...strip(b).toLowerCase()];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] === y[i]) continue;
      const rx = rank(x[i]);
      const ry = rank(y[i]);
      if (rx !== ry) return rx < ry ? -1 : 1;
      return x[i] < y[i] ? -1 : 1;
    }
    return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
  }
  function localeCompare(that, options) {
    const a = String(this);
    const b = String(that);
    const sensitivity = options && options.sensitivity;
    const numeric = options && options.numeric;
    if (numeric) {
      const parts = (s) => s.match(/\d+|\D+/g) || [];
      const pa = parts(a);
      const pb = parts(b);
      for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
        const na = /^\d/.test(pa[i]);
        const nb = /^\d/.test(pb[i]);
        if (na && nb) { const d = Number(pa[i]) - Number(pb[i]); if (d !== 0) return d < 0 ? -1 : 1; continue; }
        const c = comparePrimary(pa[i], pb[i]);
        if (c !== 0) return c;
      }
      if (pa.length !== pb.length) return pa.length < pb.length ? -1 : 1;
    }
    const primary = comparePrimary(a, b);
    if (primary !== 0 || sensitivity === 'base') return primary;
    const sa = a.toLowerCase();
    const sb = b.toLowerCase();
    if (sa !== sb) return sa < sb ? -1 : 1;
    if (sensitivity === 'accent') return 0;
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] !== b[i]) return a[i] === a[i].toLowerCase() ? -1 : 1;
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }
  Object.defineProperty(String.prototype, 'localeCompare', {
    value: function localeCompareWrapper(that, locales, options) { return localeCompare.call(this, that, options); },
    writable: true,
    configurable: true,
  });

  function groupDigits(intPart) {
    return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  function numberToLocale(n, options = {}) {
    if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '∞' : '-∞';
    const min = options.minimumFractionDigits ?? (options.style === 'currency' ? 2 : 0);
    const max = Math.max(min, options.maximumFractionDigits ?? (options.style === 'currency' ? 2 : options.style === 'percent' ? 0 : 3));
    let value = options.style === 'percent' ? n * 100 : n;
    let text = Math.abs(value).toFixed(max);
    if (max > min) text = text.replace(new RegExp(`(\\.\\d{${min}}\\d*?)0+$`), '$1').replace(/\.$/, '');
    const [intPart, frac] = text.split('.');
    const grouped = options.useGrouping === false ? intPart : groupDigits(intPart);
    let out = frac ? `${grouped}.${frac}` : grouped;
    if (options.style === 'percent') out += '%';
    if (options.style === 'currency') out = `${options.currency === 'EUR' ? '€' : options.currency === 'GBP' ? '£' : '$'}${out}`;
    return value < 0 && Number(text) !== 0 ? `-${out}` : out;
  }
  Object.defineProperty(Number.prototype, 'toLocaleString', {
    value: function toLocaleString(locales, options) { return numberToLocale(Number(this), options); },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(BigInt.prototype, 'toLocaleString', {
    value: function toLocaleString() { const s = this.toString(); return s.startsWith('-') ? `-${groupDigits(s.slice(1))}` : groupDigits(s); },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(Array.prototype, 'toLocaleString', {
    value: function toLocaleString() { return Array.prototype.map.call(this, (v) => (v == null ? '' : v.toLocaleString())).join(','); },
    writable: true,
    configurable: true,
  });

})(globalThis.__codebox);
