// The small built-ins: `os`, `timers`, `timers/promises`, `querystring`.
(function (host) {
  'use strict';

  // ---- os, timers ----

  const os = {
    EOL: '\n',
    platform: () => 'linux',
    type: () => 'Linux',
    arch: () => 'x64',
    release: () => '6.1.0',
    hostname: () => 'codebox',
    homedir: () => '/home/codebox',
    tmpdir: () => '/tmp',
    endianness: () => 'LE',
    cpus: () => [{ model: 'codebox', speed: 2000, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } }],
    totalmem: () => 134217728,
    freemem: () => 67108864,
    uptime: () => Math.floor(host.now() / 1000),
    userInfo: () => ({ uid: 1000, gid: 1000, username: 'codebox', homedir: '/home/codebox', shell: null }),
  };
  // Node's os.EOL is a constant (assigning it throws in strict code), yet configurable.
  Object.defineProperty(os, 'EOL', { value: '\n', writable: false, enumerable: true, configurable: true });
  const timers = { setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate };
  // `timers/promises`: the timers as promises and async iterators, cancelled by an
  // AbortSignal (`{ signal }`) and kept from holding the loop open by `{ ref: false }`.
  function timerOptions(options) {
    if (options === null || typeof options !== 'object') throw host.invalidArgType('options', 'object', options);
    const { signal, ref = true } = options;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw host.invalidArgType('options.signal', 'an instance of AbortSignal', signal);
    }
    if (typeof ref !== 'boolean') throw host.invalidArgType('options.ref', 'boolean', ref);
    return { signal, ref };
  }
  const { AbortError, AbortSignal } = host.internal('event_target');
  const abortError = (signal) => new AbortError(undefined, { cause: signal.reason });
  function oneShot(schedule, cancel, value, options) {
    let signal;
    let ref;
    try {
      ({ signal, ref } = timerOptions(options));
    } catch (error) {
      return Promise.reject(error);
    }
    if (signal && signal.aborted) return Promise.reject(abortError(signal));
    let onAbort;
    const promise = new Promise((resolve, reject) => {
      const timer = schedule(() => resolve(value));
      if (!ref && typeof timer.unref === 'function') timer.unref();
      if (signal) {
        onAbort = () => {
          cancel(timer);
          reject(abortError(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
    // Node settles through `finally` when there is a signal, which puts its callbacks a few
    // promise jobs later; programs can see that order.
    return signal ? promise.finally(() => signal.removeEventListener('abort', onAbort)) : promise;
  }
  const timersPromises = {
    setTimeout: (delay, value, options = {}) =>
      oneShot((fn) => setTimeout(fn, delay), clearTimeout, value, options),
    setImmediate: (value, options = {}) => oneShot((fn) => setImmediate(fn), clearImmediate, value, options),
    async *setInterval(delay, value, options = {}) {
      const { signal, ref } = timerOptions(options);
      if (signal && signal.aborted) throw abortError(signal);
      let pending = 0;
      let wake = null;
      const timer = setInterval(() => {
        pending++;
        if (wake) {
          wake();
          wake = null;
        }
      }, delay);
      if (!ref && typeof timer.unref === 'function') timer.unref();
      const onAbort = () => {
        if (wake) {
          wake();
          wake = null;
        }
      };
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
      try {
        while (true) {
          if (signal && signal.aborted) throw abortError(signal);
          if (pending === 0) await new Promise((resolve) => { wake = resolve; });
          for (; pending > 0; pending--) {
            if (signal && signal.aborted) throw abortError(signal);
            yield value;
          }
        }
      } finally {
        clearInterval(timer);
        if (signal) signal.removeEventListener('abort', onAbort);
      }
    },
    scheduler: {
      wait: (delay, options) => timersPromises.setTimeout(delay, undefined, options),
      yield: () => timersPromises.setImmediate(),
    },
  };
  timers.promises = timersPromises;
  // querystring, as Node's: `+` and percent-escapes decoded (tolerantly), repeated keys
  // gathered into arrays, and its own escaping (RFC 3986's unreserved characters and !'()*).
  const unreserved = /[A-Za-z0-9\-._~!'()*]/;
  function qsEscape(value) {
    const str = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? String(value) : `${value}`;
    let out = '';
    for (let i = 0; i < str.length; i++) {
      const c = str[i];
      const code = str.charCodeAt(i);
      if (code < 0x80) {
        out += unreserved.test(c) ? c : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
        continue;
      }
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = str.charCodeAt(i + 1);
        if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) {
          const error = new URIError('URI malformed');
          host.coded(error, 'ERR_INVALID_URI');
          throw error;
        }
        out += encodeURIComponent(str.slice(i, i + 2));
        i++;
        continue;
      }
      out += encodeURIComponent(c);
    }
    return out;
  }
  // Percent-escapes decoded byte by byte, a malformed one kept as it is; any other character
  // gives the low byte of its UTF-16 unit, as in Node.
  function unescapeBuffer(str, decodeSpaces) {
    const bytes = [];
    for (let i = 0; i < str.length; i++) {
      const c = str[i];
      if (c === '+' && decodeSpaces) bytes.push(32);
      else if (c === '%' && /^[0-9a-fA-F]{2}$/.test(str.slice(i + 1, i + 3))) {
        bytes.push(parseInt(str.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(str.charCodeAt(i) & 0xff);
    }
    return host.internal('buffer').Buffer.from(bytes);
  }
  function qsUnescape(str, decodeSpaces) {
    try {
      return decodeURIComponent(str);
    } catch {
      return unescapeBuffer(str, decodeSpaces).toString();
    }
  }
  const primitive = (v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return `${v}`;
    if (typeof v === 'bigint') return `${v}`;
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return '';
  };
  const querystring = {
    unescapeBuffer,
    unescape: qsUnescape,
    escape: qsEscape,
    stringify(obj, sep = '&', eq = '=', options) {
      const encode = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : querystring.escape;
      if (obj === null || typeof obj !== 'object') return '';
      const fields = [];
      for (const key of Object.keys(obj)) {
        const value = obj[key];
        const prefix = encode(primitive(key)) + eq;
        if (Array.isArray(value)) for (const item of value) fields.push(prefix + encode(primitive(item)));
        else fields.push(prefix + encode(primitive(value)));
      }
      return fields.join(sep);
    },
    parse(qs, sep = '&', eq = '=', options) {
      const result = Object.create(null);
      if (typeof qs !== 'string' || qs.length === 0) return result;
      sep = sep || '&';
      eq = eq || '=';
      const maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
      const decode = options && typeof options.decodeURIComponent === 'function' ? options.decodeURIComponent : querystring.unescape;
      let pieces = qs.split(sep);
      if (maxKeys > 0) pieces = pieces.slice(0, maxKeys);
      for (const piece of pieces) {
        if (piece.length === 0) continue;
        const at = piece.indexOf(eq);
        const rawKey = at >= 0 ? piece.slice(0, at) : piece;
        const rawValue = at >= 0 ? piece.slice(at + eq.length) : '';
        const key = decode(rawKey.replace(/\+/g, ' '), true);
        const value = decode(rawValue.replace(/\+/g, ' '), true);
        if (!(key in result)) result[key] = value;
        else if (Array.isArray(result[key])) result[key].push(value);
        else result[key] = [result[key], value];
      }
      return result;
    },
  };
  querystring.decode = querystring.parse;
  querystring.encode = querystring.stringify;

  return { os, timers, timersPromises, querystring };
})(globalThis.__codebox);
