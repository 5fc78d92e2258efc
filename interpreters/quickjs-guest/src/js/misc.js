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
    // As Node: $TMPDIR, $TMP or $TEMP, without a trailing slash, else /tmp.
    tmpdir() {
      const env = globalThis.process.env;
      let dir = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
      if (dir.length > 1 && dir.endsWith('/')) dir = dir.slice(0, -1);
      return dir;
    },
    endianness: () => 'LE',
    cpus: () => [{ model: 'codebox', speed: 2000, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } }],
    totalmem: () => 134217728,
    freemem: () => 67108864,
    uptime: () => Math.floor(host.now() / 1000),
    userInfo: () => ({ uid: 1000, gid: 1000, username: 'codebox', homedir: '/home/codebox', shell: null }),
  };
  // A sandboxed run has one processor, no load, no network interfaces, and a priority of its
  // own: os.setPriority changes what os.getPriority answers for this process and no other.
  const SIGNALS = [
    'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL',
    'SIGUSR1', 'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD',
    'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ',
    'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
  ];
  const signals = Object.fromEntries(SIGNALS.map((name, i) => [name, i + 1]));
  Object.assign(signals, { SIGIOT: 6, SIGPOLL: 29 });
  const priority = {
    PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0,
    PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20,
  };
  const priorities = new Map();
  function checkInt32(value, name, min = -2147483648, max = 2147483647) {
    if (typeof value !== 'number') throw host.invalidArgType(name, 'number', value);
    if (!Number.isInteger(value)) {
      throw host.coded(new RangeError(`The value of "${name}" is out of range. It must be an integer. Received ${value}`), 'ERR_OUT_OF_RANGE');
    }
    if (value < min || value > max) {
      throw host.coded(new RangeError(`The value of "${name}" is out of range. It must be >= ${min} && <= ${max}. Received ${value}`), 'ERR_OUT_OF_RANGE');
    }
  }
  // Only this process can be asked about: any other pid does not exist in a run.
  function checkOwnProcess(pid, syscall) {
    if (pid === 0 || pid === globalThis.process.pid) return;
    const error = new Error(`A system error occurred: ${syscall} returned ESRCH (no such process)`);
    error.name = 'SystemError';
    host.coded(error, 'ERR_SYSTEM_ERROR');
    error.info = { errno: -3, code: 'ESRCH', message: 'no such process', syscall };
    error.errno = -3;
    error.syscall = syscall;
    throw error;
  }
  Object.assign(os, {
    availableParallelism: () => 1,
    loadavg: () => [0, 0, 0],
    machine: () => 'x86_64',
    version: () => '#1 SMP codebox',
    networkInterfaces: () => ({}),
    devNull: '/dev/null',
    constants: { signals: Object.freeze(signals), priority: Object.freeze(priority) },
    getPriority(pid = 0) {
      checkInt32(pid, 'pid');
      checkOwnProcess(pid, 'uv_os_getpriority');
      return priorities.get(0) || 0;
    },
    setPriority(pid, value) {
      if (value === undefined) {
        value = pid;
        pid = 0;
      }
      checkInt32(pid, 'pid');
      checkInt32(value, 'priority', -20, 19);
      checkOwnProcess(pid, 'uv_os_setpriority');
      priorities.set(0, value);
    },
  });
  // Node's os.EOL is a constant (assigning it throws in strict code), yet configurable.
  Object.defineProperty(os, 'EOL', { value: '\n', writable: false, enumerable: true, configurable: true });
  const timers = { setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate };

  // The legacy, deprecated timers API on plain objects: enroll(item, ms) sets the delay,
  // active(item) and _unrefActive(item) start it (item._onTimeout() is called), unenroll(item)
  // stops it. Each warns once, as Node does.
  const TIMEOUT_MAX = 2 ** 31 - 1;
  const kLegacyTimer = Symbol('kLegacyTimer');
  const warned = new Set();
  const deprecated = (message, code) => {
    if (warned.has(code)) return;
    warned.add(code);
    globalThis.process.emitWarning(message, 'DeprecationWarning', code);
  };
  function cancelLegacy(item) {
    if (item instanceof host.timers.Timeout) clearTimeout(item);
    if (item[kLegacyTimer]) clearTimeout(item[kLegacyTimer]);
    if (item[kLegacyTimer] !== undefined) item[kLegacyTimer] = undefined;
  }
  function startLegacy(item, ref) {
    const msecs = item._idleTimeout;
    if (typeof msecs !== 'number' || !(msecs >= 0)) return;
    if (item instanceof host.timers.Timeout) {
      item.refresh();
      return;
    }
    cancelLegacy(item);
    item._idleStart = Math.floor(host.now());
    item._idleNext = item;
    item._idlePrev = item;
    const timer = setTimeout(() => {
      item[kLegacyTimer] = undefined;
      item._idleNext = null;
      item._idlePrev = null;
      if (typeof item._onTimeout === 'function') item._onTimeout();
    }, msecs);
    if (!ref) timer.unref();
    Object.defineProperty(item, kLegacyTimer, { value: timer, writable: true, configurable: true });
  }
  Object.assign(timers, {
    enroll(item, msecs) {
      deprecated('timers.enroll() is deprecated. Please use setTimeout instead.', 'DEP0095');
      if (typeof msecs !== 'number') throw host.invalidArgType('msecs', 'number', msecs);
      if (!(msecs >= 0) || msecs === Infinity) {
        throw host.coded(new RangeError(`The value of "msecs" is out of range. It must be a non-negative finite number. Received ${msecs}`), 'ERR_OUT_OF_RANGE');
      }
      cancelLegacy(item);
      item._idleTimeout = Math.min(msecs, TIMEOUT_MAX);
    },
    unenroll(item) {
      deprecated('timers.unenroll() is deprecated. Please use clearTimeout instead.', 'DEP0096');
      cancelLegacy(item);
      item._idleTimeout = -1;
    },
    active(item) {
      deprecated('timers.active() is deprecated. Please use timeout.refresh() instead.', 'DEP0126');
      startLegacy(item, true);
    },
    _unrefActive(item) {
      deprecated('timers._unrefActive() is deprecated. Please use timeout.refresh() instead.', 'DEP0127');
      startLegacy(item, false);
    },
  });
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
  };
  // `scheduler` is the one instance of a class programs cannot construct, as in Node.
  let makingScheduler = true;
  class Scheduler {
    constructor() {
      if (!makingScheduler) throw host.coded(new TypeError('Illegal constructor'), 'ERR_ILLEGAL_CONSTRUCTOR');
    }

    wait(delay, options) { return timersPromises.setTimeout(delay, undefined, options); }

    yield() { return timersPromises.setImmediate(); }
  }
  timersPromises.scheduler = new Scheduler();
  makingScheduler = false;
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
        // As Node: any surrogate takes the next unit as its pair, whatever that unit is; only a
        // surrogate at the very end is malformed.
        if (i + 1 >= str.length) {
          const error = new URIError('URI malformed');
          host.coded(error, 'ERR_INVALID_URI');
          throw error;
        }
        const point = 0x10000 + (((code & 0x3ff) << 10) | (str.charCodeAt(i + 1) & 0x3ff));
        const bytes = [0xf0 | (point >> 18), 0x80 | ((point >> 12) & 0x3f), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f)];
        out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
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
