// The Node built-in modules that interview code uses: fs, path, util, assert, events,
// readline (and readline/promises), os, buffer, timers. Anything else is "Cannot find module".
(function (host) {
  'use strict';

  const { EventEmitter, inspect } = host;

  // ---- fs ----

  // The host throws Node's message ("ENOENT: no such file or directory, open 'x'"); this adds
  // Node's fields, so that `e.code === 'ENOENT'` works.
  const ERRNO = { ENOENT: -2, EACCES: -13, EEXIST: -17, EISDIR: -21, ENOTDIR: -20, ENOTEMPTY: -39, ENOTCAPABLE: -76, EIO: -5 };
  function fsCall(fn) {
    try {
      return fn();
    } catch (e) {
      const m = e instanceof Error && /^([A-Z]+): [^,]*, (\w+) '(.*)'$/.exec(e.message);
      if (m) Object.assign(e, { errno: ERRNO[m[1]], code: m[1], syscall: m[2], path: m[3] });
      throw e;
    }
  }
  const pathOf = (p) => String(p !== null && typeof p === 'object' && 'href' in p ? p.pathname : p);
  const encodingOf = (options) => (typeof options === 'string' ? options : options && options.encoding) || null;
  const decode = (buffer, encoding) => (encoding ? buffer.toString(encoding) : buffer);
  const toText = (data) => (typeof data === 'string' ? data : data instanceof Uint8Array ? Buffer.from(data).toString() : String(data));
  // Strings are written as UTF-8; Buffers and typed arrays byte for byte.
  const toBytes = (data) => Array.from(data instanceof Uint8Array ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(String(data)));

  class Dirent {
    constructor(name, kind) { this.name = name; this._kind = kind; }
    isFile() { return this._kind === 'file'; }
    isDirectory() { return this._kind === 'dir'; }
    isSymbolicLink() { return false; }
  }

  class Stats {
    constructor(kind, size) { this._kind = kind; this.size = size; this.mode = kind === 'dir' ? 0o40755 : 0o100644; }
    isFile() { return this._kind === 'file'; }
    isDirectory() { return this._kind === 'dir'; }
    isSymbolicLink() { return false; }
  }

  const fs = {
    readFileSync(path, options) {
      const encoding = encodingOf(options);
      if (path === 0 || path === '/dev/stdin') return decode(Buffer.from(host.stdinText()), encoding);
      return decode(Buffer.from(fsCall(() => host.readFileBytes(pathOf(path)))), encoding);
    },
    writeFileSync(path, data) {
      if (path === 1 || path === '/dev/stdout') return void host.write(1, toText(data));
      if (path === 2 || path === '/dev/stderr') return void host.write(2, toText(data));
      fsCall(() => host.writeFile(pathOf(path), toBytes(data), false));
    },
    appendFileSync(path, data) { fsCall(() => host.writeFile(pathOf(path), toBytes(data), true)); },
    copyFileSync(from, to) { fsCall(() => host.writeFile(pathOf(to), toBytes(new Uint8Array(fsCall(() => host.readFileBytes(pathOf(from))))), false)); },
    renameSync(from, to) { fsCall(() => host.rename(pathOf(from), pathOf(to))); },
    existsSync(path) { return host.stat(pathOf(path)) != null; },
    readdirSync(path, options) {
      const p = pathOf(path);
      const names = fsCall(() => host.readDir(p));
      return options && options.withFileTypes ? names.map((n) => new Dirent(n, host.stat(`${p}/${n}`))) : names;
    },
    statSync(path) {
      const p = pathOf(path);
      const kind = host.stat(p);
      if (kind == null) fsCall(() => host.readFileBytes(p));
      return new Stats(kind, kind === 'file' ? host.readFileBytes(p).byteLength : 4096);
    },
    mkdirSync(path, options) { fsCall(() => host.mkdir(pathOf(path), Boolean(options && options.recursive))); },
    unlinkSync(path) { fsCall(() => host.remove(pathOf(path), false)); },
    rmSync(path, options) {
      const p = pathOf(path);
      if (host.stat(p) == null && options && options.force) return;
      fsCall(() => host.remove(p, Boolean(options && options.recursive)));
    },
    rmdirSync(path, options) { fsCall(() => host.remove(pathOf(path), Boolean(options && options.recursive))); },
  };
  fs.lstatSync = fs.statSync;
  // Callback and promise forms run the synchronous call and report on a later turn, as
  // Node's thread pool would: a failure after one round trip (the open fails), a success
  // after four (open, stat, read, close), which keeps Node's order between the two.
  const later = (fn, args, callback) => {
    let result, error = null;
    try { result = fn(...args); } catch (e) { error = e; }
    let turns = error ? 1 : 4;
    const step = () => (--turns > 0 ? setImmediate(step) : callback(error, result));
    setImmediate(step);
  };
  for (const name of ['readFile', 'writeFile', 'appendFile', 'readdir', 'stat', 'mkdir', 'unlink']) {
    const sync = fs[`${name}Sync`];
    fs[name] = (...args) => {
      const callback = args.pop();
      if (typeof callback !== 'function') throw new TypeError('The "cb" argument must be of type function');
      later(sync, args, callback);
    };
  }
  fs.exists = (path, callback) => setImmediate(() => callback(fs.existsSync(path)));
  fs.promises = {};
  for (const name of ['readFile', 'writeFile', 'appendFile', 'readdir', 'stat', 'mkdir', 'unlink']) {
    const sync = fs[`${name}Sync`];
    fs.promises[name] = (...args) => new Promise((resolve, reject) => later(sync, args, (e, r) => (e ? reject(e) : resolve(r))));
  }
  fs.constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };

  // ---- path (POSIX) ----

  function normalizeString(path, allowAboveRoot) {
    const out = [];
    for (const seg of path.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
        else if (allowAboveRoot) out.push('..');
      } else out.push(seg);
    }
    return out.join('/');
  }
  const path = {
    sep: '/',
    delimiter: ':',
    normalize(p) {
      if (p.length === 0) return '.';
      const isAbs = p.startsWith('/');
      const trailing = p.endsWith('/');
      let out = normalizeString(p, !isAbs);
      if (out.length === 0) { if (isAbs) return '/'; return trailing ? './' : '.'; }
      if (trailing) out += '/';
      return isAbs ? `/${out}` : out;
    },
    join(...parts) { const joined = parts.filter((p) => p.length > 0).join('/'); return joined.length === 0 ? '.' : path.normalize(joined); },
    resolve(...parts) {
      let resolved = '';
      for (let i = parts.length - 1; i >= -1 && !resolved.startsWith('/'); i--) {
        const p = i >= 0 ? parts[i] : host.cwd;
        if (p.length === 0) continue;
        resolved = `${p}/${resolved}`;
      }
      resolved = normalizeString(resolved, false);
      return `/${resolved}`;
    },
    isAbsolute: (p) => p.startsWith('/'),
    dirname(p) {
      if (p.length === 0) return '.';
      const trimmed = p.replace(/\/+$/, '') || '/';
      if (trimmed === '/') return '/';
      const i = trimmed.lastIndexOf('/');
      if (i === -1) return '.';
      if (i === 0) return '/';
      return trimmed.slice(0, i).replace(/\/+$/, '') || '/';
    },
    basename(p, ext) {
      const trimmed = p.replace(/\/+$/, '');
      let base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
      if (ext !== undefined && base.endsWith(ext) && base !== ext) base = base.slice(0, -ext.length);
      return base;
    },
    extname(p) {
      const base = path.basename(p);
      const i = base.lastIndexOf('.');
      return i <= 0 ? '' : base.slice(i);
    },
    relative(from, to) {
      const f = path.resolve(from).split('/').filter(Boolean);
      const t = path.resolve(to).split('/').filter(Boolean);
      let i = 0;
      while (i < f.length && i < t.length && f[i] === t[i]) i++;
      return [...Array(f.length - i).fill('..'), ...t.slice(i)].join('/');
    },
    parse(p) {
      const root = p.startsWith('/') ? '/' : '';
      const base = path.basename(p);
      const ext = path.extname(p);
      let dir = path.dirname(p);
      if (dir === '.' && !p.includes('/')) dir = '';
      return { root, dir, base, ext, name: ext ? base.slice(0, -ext.length) : base };
    },
    format(o) { const dir = o.dir || o.root || ''; const base = o.base || `${o.name || ''}${o.ext || ''}`; return dir ? (dir === o.root ? `${dir}${base}` : `${dir}/${base}`) : base; },
    toNamespacedPath: (p) => p,
  };
  path.posix = path;
  // Windows paths, for programs that print them: separators, drive letters and the basic calls.
  const win32 = {
    sep: '\\',
    delimiter: ';',
    normalize(p) {
      const m = /^([a-zA-Z]:)?([\\/])?/.exec(p);
      const device = m[1] || '';
      const absolute = Boolean(m[2]);
      const rest = normalizeString(p.slice(m[0].length).replace(/\//g, '\\').split('\\').join('/'), !absolute).split('/').join('\\');
      return `${device}${absolute ? '\\' : ''}${rest}` || '.';
    },
    join: (...parts) => win32.normalize(parts.filter((p) => p.length > 0).join('\\')),
    basename(p, ext) {
      let base = p.replace(/[\\/]+$/, '').split(/[\\/]/).pop().replace(/^[a-zA-Z]:/, '');
      if (ext !== undefined && base.endsWith(ext) && base !== ext) base = base.slice(0, -ext.length);
      return base;
    },
    dirname(p) {
      const i = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
      return i <= 0 ? (i === 0 ? p[0] : '.') : /^[a-zA-Z]:$/.test(p.slice(0, i)) ? p.slice(0, i + 1) : p.slice(0, i);
    },
    extname: (p) => path.extname(win32.basename(p)),
    isAbsolute: (p) => /^([a-zA-Z]:)?[\\/]/.test(p),
  };
  win32.win32 = win32;
  path.win32 = win32;

  // ---- util ----

  const util = {
    inspect,
    format: host.format,
    formatWithOptions: host.formatWithOptions,
    isDeepStrictEqual: (a, b) => deepEqual(a, b, true),
    promisify(fn) {
      if (typeof fn !== 'function') throw new TypeError('The "original" argument must be of type function');
      return (...args) => new Promise((resolve, reject) => fn(...args, (err, value) => (err ? reject(err) : resolve(value))));
    },
    callbackify: (fn) => (...args) => { const cb = args.pop(); fn(...args).then((v) => cb(null, v), (e) => cb(e)); },
    inherits(ctor, superCtor) { Object.setPrototypeOf(ctor.prototype, superCtor.prototype); Object.setPrototypeOf(ctor, superCtor); ctor.super_ = superCtor; },
    deprecate: (fn) => fn,
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

  // ---- assert ----

  function isPrimitive(v) { return v === null || (typeof v !== 'object' && typeof v !== 'function'); }

  function deepEqual(a, b, strict, memo = []) {
    if (strict ? Object.is(a, b) : a == b || (Number.isNaN(a) && Number.isNaN(b))) return true;
    if (isPrimitive(a) || isPrimitive(b)) return strict ? false : (typeof a !== 'object' && typeof b !== 'object' ? a == b : false);
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const tag = Object.prototype.toString.call(a);
    if (tag !== Object.prototype.toString.call(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (a instanceof Date) { if (a.getTime() !== b.getTime()) return false; }
    else if (a instanceof RegExp) { if (String(a) !== String(b) || a.lastIndex !== b.lastIndex) return false; }
    else if (a instanceof Error) { if (a.message !== b.message || a.name !== b.name) return false; }
    else if (ArrayBuffer.isView(a)) { if (a.length !== b.length) return false; for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false; }
    else if (typeof a === 'object' && (tag === '[object Number]' || tag === '[object String]' || tag === '[object Boolean]')) { if (!Object.is(a.valueOf(), b.valueOf())) return false; }
    for (const [x, y] of memo) if (x === a && y === b) return true;
    memo.push([a, b]);
    if (a instanceof Map) {
      if (a.size !== b.size) return false;
      for (const [k, v] of a) { if (!b.has(k) || !deepEqual(v, b.get(k), strict, memo)) return false; }
    } else if (a instanceof Set) {
      if (a.size !== b.size) return false;
      outer: for (const v of a) {
        if (b.has(v)) continue;
        if (isPrimitive(v)) return false;
        for (const w of b) if (!isPrimitive(w) && deepEqual(v, w, strict, memo)) continue outer;
        return false;
      }
    }
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    for (const k of keysA) {
      if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
      if (!deepEqual(a[k], b[k], strict, memo)) return false;
    }
    if (strict) {
      const symA = Object.getOwnPropertySymbols(a).filter((s) => Object.prototype.propertyIsEnumerable.call(a, s));
      const symB = Object.getOwnPropertySymbols(b).filter((s) => Object.prototype.propertyIsEnumerable.call(b, s));
      if (symA.length !== symB.length) return false;
      for (const s of symA) if (!deepEqual(a[s], b[s], strict, memo)) return false;
    }
    return true;
  }

  class AssertionError extends Error {
    constructor(options) {
      const { message, actual, expected, operator } = options;
      super(message !== undefined ? String(message) : defaultMessage(actual, expected, operator));
      this.generatedMessage = message === undefined;
      this.code = 'ERR_ASSERTION';
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    get name() { return 'AssertionError'; }
  }

  const readable = {
    strictEqual: 'Expected values to be strictly equal:',
    deepStrictEqual: 'Expected values to be strictly deep-equal:',
    deepEqual: 'Expected values to be loosely deep-equal:',
    notStrictEqual: 'Expected "actual" to be strictly unequal to:',
    notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
    equal: 'Expected values to be loosely equal:',
    notEqual: 'Expected "actual" to be loosely unequal to:',
  };
  function defaultMessage(actual, expected, operator) {
    const a = inspect(actual);
    const e = inspect(expected);
    if (operator === 'fail') return 'Failed';
    if (operator === '==') return `${a} == ${e}`;
    if (operator === '!=') return `${a} != ${e}`;
    const header = readable[operator] || `${a} ${operator} ${e}`;
    if (operator === 'strictEqual' && typeof actual !== typeof expected && isPrimitive(actual) && isPrimitive(expected)) {
      return `${header}\n\n${a} !== ${e}\n`;
    }
    if (operator === 'strictEqual' && isPrimitive(actual) && isPrimitive(expected) && typeof actual !== 'string' && !a.includes('\n') && !e.includes('\n')) {
      return `${header}\n\n${a} !== ${e}\n`;
    }
    if (operator.startsWith('not')) return a.includes('\n') ? `${header}\n\n${a}\n` : `${header} ${a}`;
    const al = a.split('\n');
    const el = e.split('\n');
    let out = `${header}\n+ actual - expected\n\n`;
    if (al.length === 1 && el.length === 1) return `${out}+ ${a}\n- ${e}`;
    const n = Math.max(al.length, el.length);
    for (let i = 0; i < n; i++) {
      if (al[i] === el[i]) out += `  ${al[i]}\n`;
      else {
        if (al[i] !== undefined) out += `+ ${al[i]}\n`;
        if (el[i] !== undefined) out += `- ${el[i]}\n`;
      }
    }
    return out.replace(/\n$/, '');
  }

  function fail(actual, expected, message, operator) {
    if (message instanceof Error) throw message;
    if (message !== undefined && (operator === 'strictEqual' || operator === 'deepStrictEqual')) {
      // Node keeps the comparison under a custom message for these two.
      const generated = defaultMessage(actual, expected, operator);
      const body = generated.slice(generated.indexOf('\n'));
      const error = new AssertionError({ message: `${message}${body}`, actual, expected, operator });
      error.generatedMessage = false;
      throw error;
    }
    throw new AssertionError({ message, actual, expected, operator });
  }

  function matches(error, expected) {
    if (expected === undefined) return true;
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && error instanceof expected) return true;
      if (Error.isPrototypeOf(expected) || expected === Error) return false;
      return expected.call({}, error) === true;
    }
    if (expected instanceof RegExp) return expected.test(String(error));
    if (typeof expected === 'object') {
      return Object.keys(expected).every((k) => (expected[k] instanceof RegExp && typeof error[k] === 'string' ? expected[k].test(error[k]) : deepEqual(error[k], expected[k], true)));
    }
    return false;
  }

  function assert(value, message) { if (!value) ok(value, message); }
  function ok(value, message) {
    if (!value) {
      throw new AssertionError({ message: message === undefined ? (arguments.length === 0 ? 'No value argument passed to `assert.ok()`' : 'The expression evaluated to a falsy value:\n\n  assert.ok(' + inspect(value) + ')\n') : message, actual: value, expected: true, operator: '==' });
    }
  }
  Object.assign(assert, {
    ok,
    AssertionError,
    equal: (a, e, m) => { if (!(a == e || (Number.isNaN(a) && Number.isNaN(e)))) fail(a, e, m, '=='); },
    notEqual: (a, e, m) => { if (a == e) fail(a, e, m, '!='); },
    strictEqual: (a, e, m) => { if (!Object.is(a, e)) fail(a, e, m, 'strictEqual'); },
    notStrictEqual: (a, e, m) => { if (Object.is(a, e)) fail(a, e, m, 'notStrictEqual'); },
    deepEqual: (a, e, m) => { if (!deepEqual(a, e, false)) fail(a, e, m, 'deepEqual'); },
    deepStrictEqual: (a, e, m) => { if (!deepEqual(a, e, true)) fail(a, e, m, 'deepStrictEqual'); },
    notDeepStrictEqual: (a, e, m) => { if (deepEqual(a, e, true)) fail(a, e, m, 'notDeepStrictEqual'); },
    notDeepEqual: (a, e, m) => { if (deepEqual(a, e, false)) fail(a, e, m, 'notDeepEqual'); },
    fail: (message = 'Failed') => { throw message instanceof Error ? message : new AssertionError({ message, operator: 'fail' }); },
    match: (s, re, m) => { if (!re.test(s)) fail(s, re, m ?? `The input did not match the regular expression ${inspect(re)}. Input:\n\n${inspect(s)}\n`, 'match'); },
    doesNotMatch: (s, re, m) => { if (re.test(s)) fail(s, re, m ?? `The input was expected to not match the regular expression ${inspect(re)}. Input:\n\n${inspect(s)}\n`, 'doesNotMatch'); },
    throws(fn, expected, message) {
      if (typeof expected === 'string') { message = expected; expected = undefined; }
      try {
        fn();
      } catch (e) {
        if (!matches(e, expected)) throw e;
        return;
      }
      fail(undefined, expected, message ?? 'Missing expected exception.', 'throws');
    },
    doesNotThrow(fn, expected, message) {
      try { fn(); } catch (e) { fail(e, expected, message ?? `Got unwanted exception.\nActual message: "${e && e.message}"`, 'doesNotThrow'); }
    },
    async rejects(promiseOrFn, expected, message) {
      try {
        await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
      } catch (e) {
        if (!matches(e, expected)) throw e;
        return;
      }
      fail(undefined, expected, message ?? 'Missing expected rejection.', 'rejects');
    },
    async doesNotReject(promiseOrFn, expected, message) {
      try { await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn); } catch (e) { fail(e, expected, message ?? `Got unwanted rejection.\nActual message: "${e && e.message}"`, 'doesNotReject'); }
    },
    ifError: (v) => { if (v !== null && v !== undefined) throw v; },
  });
  assert.strict = assert;

  // ---- readline ----

  class Interface extends EventEmitter {
    constructor(input, output, completer, terminal) {
      super();
      const options = input && input.input !== undefined ? input : { input, output };
      this.input = options.input;
      this.output = options.output;
      this.terminal = false;
      this.line = '';
      this.closed = false;
      this._prompt = options.prompt === undefined ? '> ' : options.prompt;
      this._buffer = '';
      this._questions = [];
      this._paused = false;
      this._onData = (chunk) => this._feed(typeof chunk === 'string' ? chunk : chunk.toString());
      this._onEnd = () => {
        if (this._buffer.length > 0) { const rest = this._buffer; this._buffer = ''; this._line(rest); }
        this.close();
      };
      this.input.on('data', this._onData);
      this.input.on('end', this._onEnd);
      if (typeof this.input.resume === 'function') this.input.resume();
    }
    _feed(text) {
      this._buffer += text;
      let i;
      // Like Node, every line of a chunk is emitted even if a listener closes the interface.
      while ((i = this._buffer.search(/\r\n|\n|\r/)) !== -1) {
        const line = this._buffer.slice(0, i);
        const sep = this._buffer[i] === '\r' && this._buffer[i + 1] === '\n' ? 2 : 1;
        this._buffer = this._buffer.slice(i + sep);
        this._line(line);
      }
    }
    _line(line) {
      if (this._questions.length > 0) {
        const callback = this._questions.shift();
        callback(line);
      } else {
        this.emit('line', line);
      }
    }
    setPrompt(prompt) { this._prompt = prompt; }
    getPrompt() { return this._prompt; }
    prompt() { if (this.output) this.output.write(this._prompt); }
    question(query, options, callback) {
      if (typeof options === 'function') callback = options;
      if (this.closed) {
        const e = new Error('readline was closed');
        e.code = 'ERR_USE_AFTER_CLOSE';
        throw e;
      }
      if (this.output) this.output.write(query);
      this._questions.push(callback);
    }
    write(data) { if (this.output) this.output.write(data); }
    pause() { this._paused = true; this.emit('pause'); return this; }
    resume() { this._paused = false; this.emit('resume'); return this; }
    close() {
      if (this.closed) return;
      this.closed = true;
      this.input.removeListener('data', this._onData);
      this.input.removeListener('end', this._onEnd);
      if (typeof this.input.pause === 'function' && this.input.listenerCount('data') === 0) this.input.pause();
      this.emit('close');
    }
    [Symbol.asyncIterator]() {
      if (this._iterator) return this._iterator;
      const lines = [];
      const waiting = [];
      let done = false;
      this.on('line', (line) => {
        if (waiting.length > 0) waiting.shift().resolve({ value: line, done: false });
        else lines.push(line);
      });
      this.on('close', () => {
        done = true;
        while (waiting.length > 0) waiting.shift().resolve({ value: undefined, done: true });
      });
      const iterator = {
        next: () => {
          if (lines.length > 0) return Promise.resolve({ value: lines.shift(), done: false });
          if (done) return Promise.resolve({ value: undefined, done: true });
          return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
        },
        return: () => { this.close(); return Promise.resolve({ value: undefined, done: true }); },
        [Symbol.asyncIterator]() { return iterator; },
      };
      this._iterator = iterator;
      return iterator;
    }
  }
  const readline = {
    Interface,
    createInterface: (input, output, completer, terminal) => new Interface(input, output, completer, terminal),
    clearLine: () => true,
    cursorTo: () => true,
    moveCursor: () => true,
    emitKeypressEvents: () => {},
  };
  class PromisesInterface extends Interface {
    question(query) { return new Promise((resolve) => super.question(query, resolve)); }
  }
  const readlinePromises = { Interface: PromisesInterface, createInterface: (input, output) => new PromisesInterface(input, output) };
  readline.promises = readlinePromises;

  // ---- os, timers, buffer, string_decoder ----

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
  const timers = { setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate };
  const timersPromises = {
    setTimeout: (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms)),
    setImmediate: (value) => new Promise((resolve) => setImmediate(() => resolve(value))),
  };
  class StringDecoder {
    constructor(encoding = 'utf8') { this.encoding = encoding; this._pending = []; }
    write(buffer) {
      const bytes = [...this._pending, ...buffer];
      let end = bytes.length;
      for (let back = 1; back <= 3 && back <= bytes.length; back++) {
        const b = bytes[bytes.length - back];
        if ((b & 0xc0) === 0x80) continue;
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (need > back) end = bytes.length - back;
        break;
      }
      this._pending = bytes.slice(end);
      return host.utf8Decode(bytes, 0, end);
    }
    end(buffer) { const s = buffer ? this.write(buffer) : ''; const rest = host.utf8Decode(this._pending); this._pending = []; return s + rest; }
  }

  host.builtins = {
    fs,
    'fs/promises': fs.promises,
    path,
    'path/posix': path,
    util,
    assert,
    'assert/strict': assert,
    events: EventEmitter,
    readline,
    'readline/promises': readlinePromises,
    os,
    timers,
    'timers/promises': timersPromises,
    buffer: { Buffer: globalThis.Buffer },
    url: host.url,
    string_decoder: { StringDecoder },
    process: globalThis.process,
    console: globalThis.console,
  };
})(globalThis.__codebox);
