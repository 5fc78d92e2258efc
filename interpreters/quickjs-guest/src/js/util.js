// The `util` module.
(function (host) {
  'use strict';

  // ---- util ----

  const warnedCodes = new Set();
  const customPromisified = Symbol.for('nodejs.util.promisify.custom');
  const checkFunction = (value, name) => {
    if (typeof value !== 'function') throw host.invalidArgType(name, 'function', value);
  };
  // A copy of `original`'s own properties (its name and length among them) onto `fn`.
  const copyProperties = (fn, original, change) => {
    const descriptors = Object.getOwnPropertyDescriptors(original);
    if (change) change(descriptors);
    for (const descriptor of Object.values(descriptors)) Object.setPrototypeOf(descriptor, null);
    return Object.defineProperties(fn, descriptors);
  };

  // `promisify`: a custom form (`util.promisify.custom`) is used as it is; otherwise the
  // promise settles with the callback's error or its first value.
  function promisify(original) {
    checkFunction(original, 'original');
    if (original[customPromisified]) {
      const fn = original[customPromisified];
      checkFunction(fn, 'util.promisify.custom');
      return Object.defineProperty(fn, customPromisified, { value: fn, enumerable: false, writable: false, configurable: true });
    }
    function fn(...args) {
      return new Promise((resolve, reject) => {
        args.push((err, ...values) => (err ? reject(err) : resolve(values[0])));
        Reflect.apply(original, this, args);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, customPromisified, { value: fn, enumerable: false, writable: false, configurable: true });
    return copyProperties(fn, original);
  }
  promisify.custom = customPromisified;

  // `callbackify`: the callback runs on a later tick with (null, value) or (reason); a falsy
  // reason is wrapped in an error that carries it.
  function callbackify(original) {
    checkFunction(original, 'original');
    function callbackified(...args) {
      const last = args.pop();
      checkFunction(last, 'last argument');
      const cb = last.bind(this);
      Reflect.apply(original, this, args).then(
        (value) => process.nextTick(cb, null, value),
        (reason) => {
          if (!reason) {
            const error = host.coded(new Error('Promise was rejected with falsy value'), 'ERR_FALSY_VALUE_REJECTION');
            error.reason = reason;
            reason = error;
          }
          process.nextTick(cb, reason);
        },
      );
    }
    return copyProperties(callbackified, original, (descriptors) => {
      if (typeof descriptors.length.value === 'number') descriptors.length.value++;
      if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
    });
  }

  const pad = (n) => String(n).padStart(2, '0');
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  const util = {
    inspect: host.internal('inspect').inspect,
    format: host.format,
    formatWithOptions: host.formatWithOptions,
    isDeepStrictEqual: (a, b) => host.internal('deep_equal')(a, b, true),
    promisify,
    callbackify,
    // Node's inherits links the prototypes only: static members are not inherited.
    inherits(ctor, superCtor) {
      if (ctor === undefined || ctor === null) throw host.invalidArgType('ctor', 'function', ctor);
      if (superCtor === undefined || superCtor === null) throw host.invalidArgType('superCtor', 'function', superCtor);
      if (superCtor.prototype === undefined) {
        throw host.invalidArgType('superCtor.prototype', 'object', superCtor.prototype);
      }
      Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
      Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
    },
    // `util.log`: a line with the local time, as `4 Dec 22:35:12 - message`.
    log(...args) {
      const d = new Date();
      const time = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(':');
      console.log('%s - %s', `${d.getDate()} ${MONTHS[d.getMonth()]} ${time}`, host.format(...args));
    },
    // A wrapper that warns once (once per code) that `fn` is deprecated, then calls it.
    deprecate(fn, message, code) {
      if (typeof fn !== 'function') throw host.invalidArgType('fn', 'function', fn);
      if (code !== undefined && typeof code !== 'string') throw host.invalidArgType('code', 'string', code);
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
    parseEnv: (content) => host.internal('dotenv').parseEnv(content),
    stripVTControlCharacters(str) {
      if (typeof str !== 'string') throw host.invalidArgType('str', 'string', str);
      return str.replace(ansi, '');
    },
  };

  // The terminal's escape sequences (colours, cursor moves, hyperlinks), as Node matches them.
  const ansi = new RegExp('[\\u001B\\u009B][[\\]()#;?]*' +
    '(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*' +
    '|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?' +
    '(?:\\u0007|\\u001B\\u005C|\\u009C))' +
    '|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-nq-uy=><~]))', 'g');

  return util;
})(globalThis.__codebox);
