// The `util` module.
(function (host) {
  'use strict';

  // ---- util ----

  const warnedCodes = new Set();
  const util = {
    inspect: host.internal('inspect').inspect,
    format: host.format,
    formatWithOptions: host.formatWithOptions,
    isDeepStrictEqual: (a, b) => host.internal('deep_equal')(a, b, true),
    promisify(fn) {
      if (typeof fn !== 'function') throw new TypeError('The "original" argument must be of type function');
      return (...args) => new Promise((resolve, reject) => fn(...args, (err, value) => (err ? reject(err) : resolve(value))));
    },
    callbackify: (fn) => (...args) => { const cb = args.pop(); fn(...args).then((v) => cb(null, v), (e) => cb(e)); },
    inherits(ctor, superCtor) { Object.setPrototypeOf(ctor.prototype, superCtor.prototype); Object.setPrototypeOf(ctor, superCtor); ctor.super_ = superCtor; },
    // A wrapper that warns once (once per code) that `fn` is deprecated, then calls it.
    deprecate(fn, message, code) {
      if (typeof fn !== 'function') throw host.invalidArgType('fn', 'function', fn);
      let warned = false;
      function deprecated(...args) {
        if (!warned && !(code !== undefined && warnedCodes.has(code))) {
          warned = true;
          if (code !== undefined) warnedCodes.add(code);
          globalThis.process.emitWarning(message, 'DeprecationWarning', code);
        }
        return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
      }
      Object.setPrototypeOf(deprecated, fn);
      if (fn.prototype) deprecated.prototype = fn.prototype;
      return deprecated;
    },
    isArray: Array.isArray,
    types: {
      isDate: (v) => v instanceof Date,
      isRegExp: (v) => v instanceof RegExp,
      isPromise: (v) => v instanceof Promise,
      isMap: (v) => v instanceof Map,
      isSet: (v) => v instanceof Set,
      isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView),
      isNativeError: (v) => v instanceof Error,
      isAsyncFunction: (v) => typeof v === 'function' && v[Symbol.toStringTag] === 'AsyncFunction',
      isGeneratorFunction: (v) => typeof v === 'function' && /^GeneratorFunction|AsyncGeneratorFunction$/.test(v[Symbol.toStringTag]),
    },
    TextEncoder: globalThis.TextEncoder,
    TextDecoder: globalThis.TextDecoder,
  };

  return util;
})(globalThis.__codebox);
