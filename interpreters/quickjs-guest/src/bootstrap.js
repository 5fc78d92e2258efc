// The Node-like surface of the JavaScript guest: console, process, require, timers.
//
// It runs once, before the user's program, over the host functions that main.rs puts on
// `globalThis.__codebox`. Everything the Rust side calls back into (runMain, tick, exitCode,
// reportUncaught, reportUnhandledRejection) is added to that same object.
(function (host) {
  'use strict';

  // ---- formatting (a subset of Node's util.inspect; the Node-compatibility issue widens it) ----

  const quote = (s) => {
    const q = !s.includes("'") ? "'" : !s.includes('"') ? '"' : !s.includes('`') ? '`' : "'";
    const escaped = s.replace(/[\\\n\t\r\b\f\v]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v' })[c]);
    return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
  };
  const isIdent = (k) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k);
  const fmtKey = (k) => (typeof k === 'symbol' ? `[${k.toString()}]` : isIdent(k) ? k : quote(k));
  const fmtNumber = (n) => (Object.is(n, -0) ? '-0' : String(n));

  function errorText(e) {
    const head = `${e.name || 'Error'}: ${e.message}`;
    const stack = typeof e.stack === 'string' ? e.stack : '';
    if (stack === '') return head;
    return stack.startsWith(head) || stack.startsWith(String(e.name)) ? stack.replace(/\n$/, '') : `${head}\n${stack.replace(/\n$/, '')}`;
  }

  function inspect(value, opts) {
    const depthLimit = opts && opts.depth !== undefined ? opts.depth : 2;
    const seen = [];
    const circular = new Map();

    function fmt(v, depth, nested) {
      switch (typeof v) {
        case 'string': return nested ? quote(v) : v;
        case 'number': return fmtNumber(v);
        case 'bigint': return `${v}n`;
        case 'boolean': return String(v);
        case 'undefined': return 'undefined';
        case 'symbol': return v.toString();
        case 'function': {
          const isClass = /^class[\s{]/.test(Function.prototype.toString.call(v));
          const name = v.name ? `: ${v.name}` : isClass ? ' (anonymous)' : ' (anonymous)';
          return isClass ? `[class ${v.name || '(anonymous)'}]` : `[Function${name}]`;
        }
      }
      if (v === null) return 'null';
      if (seen.includes(v)) {
        if (!circular.has(v)) circular.set(v, circular.size + 1);
        return `[Circular *${circular.get(v)}]`;
      }
      if (v instanceof Error) return nested ? `[${errorText(v)}]` : errorText(v);
      if (v instanceof Date) return isNaN(v) ? 'Invalid Date' : v.toISOString();
      if (v instanceof RegExp) return String(v);
      if (v instanceof Promise) return 'Promise { <pending> }';
      if (depth > depthLimit) return Array.isArray(v) ? '[Array]' : '[Object]';
      seen.push(v);
      let out;
      try {
        out = fmtContainer(v, depth);
      } finally {
        seen.pop();
      }
      if (circular.has(v)) out = `<ref *${circular.get(v)}> ${out}`;
      return out;
    }

    function fmtContainer(v, depth) {
      const parts = [];
      let open = '{', close = '}', prefix = '';
      if (Array.isArray(v)) {
        open = '['; close = ']';
        let holes = 0;
        const shown = Math.min(v.length, 100);
        for (let i = 0; i < shown; i++) {
          if (!(i in v)) { holes++; continue; }
          if (holes) { parts.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`); holes = 0; }
          parts.push(fmt(v[i], depth + 1, true));
        }
        if (holes) parts.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
        if (v.length > 100) parts.push(`... ${v.length - 100} more item${v.length - 100 > 1 ? 's' : ''}`);
        for (const k of Object.keys(v)) if (!/^\d+$/.test(k)) parts.push(`${fmtKey(k)}: ${fmt(v[k], depth + 1, true)}`);
        if (v.length === 0 && parts.length === 0) return '[]';
      } else if (v instanceof Map) {
        prefix = `Map(${v.size}) `;
        for (const [k, val] of v) parts.push(`${fmt(k, depth + 1, true)} => ${fmt(val, depth + 1, true)}`);
      } else if (v instanceof Set) {
        prefix = `Set(${v.size}) `;
        for (const val of v) parts.push(fmt(val, depth + 1, true));
      } else {
        const proto = Object.getPrototypeOf(v);
        const ctor = proto && proto.constructor && proto.constructor.name;
        if (proto === null) prefix = '[Object: null prototype] ';
        else if (ctor && ctor !== 'Object') prefix = `${ctor} `;
        for (const k of Reflect.ownKeys(v)) {
          const d = Object.getOwnPropertyDescriptor(v, k);
          if (!d.enumerable) continue;
          if (d.get || d.set) parts.push(`${fmtKey(k)}: [${d.get && d.set ? 'Getter/Setter' : d.get ? 'Getter' : 'Setter'}]`);
          else parts.push(`${fmtKey(k)}: ${fmt(d.value, depth + 1, true)}`);
        }
      }
      if (parts.length === 0) return `${prefix}${open}${close}`;
      const oneLine = `${prefix}${open} ${parts.join(', ')} ${close}`;
      if (oneLine.length <= 72 && !oneLine.includes('\n')) return oneLine;
      const pad = '  '.repeat(depth + 1);
      const inner = parts.map((p) => pad + p.split('\n').join('\n' + pad)).join(',\n');
      return `${prefix}${open}\n${inner}\n${'  '.repeat(depth)}${close}`;
    }

    return fmt(value, 0, false);
  }

  function format(...args) {
    let out = '';
    let rest = args;
    if (typeof args[0] === 'string' && args[0].includes('%')) {
      let i = 1;
      out = args[0].replace(/%[sdifjoOc%]/g, (m) => {
        if (m === '%%') return '%';
        if (i >= args.length) return m;
        const a = args[i++];
        switch (m) {
          case '%s': return typeof a === 'string' ? a : typeof a === 'bigint' ? `${a}n` : inspect(a, { depth: 1 });
          case '%d': case '%i': {
            if (typeof a === 'bigint') return `${a}n`;
            const n = Number(a);
            return fmtNumber(m === '%i' ? Math.trunc(n) : n);
          }
          case '%f': return fmtNumber(parseFloat(a));
          case '%j': try { return JSON.stringify(a); } catch (_) { return '[Circular]'; }
          case '%o': case '%O': return inspect(a, { depth: 4 });
          case '%c': return '';
        }
        return m;
      });
      rest = args.slice(i);
    } else if (args.length > 0) {
      out = inspect(args[0]);
      rest = args.slice(1);
    }
    for (const a of rest) out += ' ' + inspect(a);
    return out;
  }

  // ---- console ----

  const write = (fd, text) => host.write(fd, text);
  const counts = new Map();
  const timers = new Map();
  let groupIndent = '';
  const line = (fd) => (...args) => {
    const text = format(...args);
    write(fd, (groupIndent ? text.split('\n').map((l) => groupIndent + l).join('\n') : text) + '\n');
  };
  globalThis.console = {
    log: line(1), info: line(1), debug: line(1), error: line(2), warn: line(2), trace: line(2),
    dir: (v, o) => write(1, inspect(v, o) + '\n'),
    assert: (cond, ...args) => { if (!cond) line(2)('Assertion failed' + (args.length ? ': ' + format(...args) : '')); },
    count: (label = 'default') => { counts.set(label, (counts.get(label) || 0) + 1); line(1)(`${label}: ${counts.get(label)}`); },
    countReset: (label = 'default') => counts.delete(label),
    time: (label = 'default') => timers.set(label, host.now()),
    timeEnd: (label = 'default') => { const t = timers.get(label); if (t !== undefined) { timers.delete(label); line(1)(`${label}: ${(host.now() - t).toFixed(3)}ms`); } },
    timeLog: (label = 'default', ...args) => { const t = timers.get(label); if (t !== undefined) line(1)(`${label}: ${(host.now() - t).toFixed(3)}ms`, ...args); },
    group: (...args) => { if (args.length) line(1)(...args); groupIndent += '  '; },
    groupEnd: () => { groupIndent = groupIndent.slice(2); },
  };

  // ---- timers: a macrotask queue ordered by due time, then by insertion ----

  let nextTimerId = 1;
  const pending = new Map();
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
    const id = nextTimerId++;
    const delay = Math.max(1, Number(ms) || 0);
    pending.set(id, { id, fn, args, due: host.now() + delay, delay, repeat });
    return id;
  }
  globalThis.setTimeout = (fn, ms, ...args) => addTimer(fn, ms, args, false);
  globalThis.setInterval = (fn, ms, ...args) => addTimer(fn, ms, args, true);
  globalThis.setImmediate = (fn, ...args) => addTimer(fn, 0, args, false);
  globalThis.clearTimeout = globalThis.clearInterval = globalThis.clearImmediate = (id) => { pending.delete(id); };

  // ---- process ----

  let stdinCache = null;
  const stdinText = () => (stdinCache === null ? (stdinCache = host.readStdin()) : stdinCache);
  const stdinListeners = { data: [], end: [] };
  let stdinScheduled = false;
  let exitCode = 0;
  const process = {
    argv: ['/usr/local/bin/node', String(host.entry)],
    env: {},
    platform: 'linux',
    version: 'v20.0.0',
    versions: { node: '20.0.0' },
    exit: (code) => host.exit(code === undefined ? exitCode : Number(code) | 0),
    get exitCode() { return exitCode; },
    set exitCode(c) { exitCode = Number(c) | 0; },
    // The host makes the entry file's folder the working directory.
    cwd: () => dirname(process.argv[1]),
    nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
    hrtime: Object.assign((prev) => {
      const ns = BigInt(Math.round(host.now() * 1e6));
      const t = [Number(ns / 1000000000n), Number(ns % 1000000000n)];
      if (!prev) return t;
      let s = t[0] - prev[0], n = t[1] - prev[1];
      if (n < 0) { s -= 1; n += 1e9; }
      return [s, n];
    }, { bigint: () => BigInt(Math.round(host.now() * 1e6)) }),
    memoryUsage: () => ({ rss: 30000000, heapTotal: 4000000, heapUsed: 3000000, external: 0, arrayBuffers: 0 }),
    stdout: { write: (s) => { write(1, String(s)); return true; }, isTTY: false },
    stderr: { write: (s) => { write(2, String(s)); return true; }, isTTY: false },
    stdin: {
      isTTY: false,
      setEncoding() { return this; },
      resume() { return this; },
      pause() { return this; },
      on(event, fn) {
        if (event === 'data' || event === 'end') {
          stdinListeners[event].push(fn);
          if (!stdinScheduled) { stdinScheduled = true; setImmediate(emitStdin); }
        }
        return this;
      },
      once(event, fn) { return this.on(event, fn); },
    },
  };
  function emitStdin() {
    const text = stdinText();
    if (text.length > 0) for (const fn of stdinListeners.data) fn(text);
    for (const fn of stdinListeners.end) fn();
  }
  globalThis.process = process;
  globalThis.global = globalThis;

  // ---- built-in modules ----

  // The host throws errors whose message is Node's ("ENOENT: no such file or directory, open
  // 'x'"); this gives them Node's fields too, so that `e.code === 'ENOENT'` works.
  const ERRNO = { ENOENT: -2, EACCES: -13, EEXIST: -17, EISDIR: -21, ENOTDIR: -20, ENOTCAPABLE: -76, EIO: -5 };
  function fsCall(fn) {
    try {
      return fn();
    } catch (e) {
      const m = e instanceof Error && /^([A-Z]+): [^,]*, (\w+) '(.*)'$/.exec(e.message);
      if (m) Object.assign(e, { errno: ERRNO[m[1]], code: m[1], syscall: m[2], path: m[3] });
      throw e;
    }
  }
  const pathOf = (path) => String(typeof path === 'object' && path !== null && 'href' in path ? path.pathname : path);
  const fs = {
    readFileSync(path, options) {
      if (path === 0 || path === '/dev/stdin') return stdinText();
      return fsCall(() => host.readFile(pathOf(path)));
    },
    writeFileSync(path, data, options) {
      if (path === 1 || path === '/dev/stdout') return void write(1, String(data));
      if (path === 2 || path === '/dev/stderr') return void write(2, String(data));
      fsCall(() => host.writeFile(pathOf(path), String(data), false));
    },
    appendFileSync(path, data) { fsCall(() => host.writeFile(pathOf(path), String(data), true)); },
    // host.stat answers undefined for a missing path.
    existsSync(path) { return host.stat(pathOf(path)) != null; },
    readdirSync(path) { return fsCall(() => host.readDir(pathOf(path))); },
  };
  const util = { inspect, format };
  const builtins = { fs, util };

  // ---- CommonJS ----

  const cache = Object.create(null);
  const dirname = (p) => { const i = p.lastIndexOf('/'); return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i); };
  function normalize(p) {
    const abs = p.startsWith('/');
    const out = [];
    for (const seg of p.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') { if (out.length && out[out.length - 1] !== '..') out.pop(); else if (!abs) out.push('..'); } else out.push(seg);
    }
    return (abs ? '/' : '') + out.join('/') || (abs ? '/' : '.');
  }
  function notFound(request, from) {
    const e = new Error(`Cannot find module '${request}'\nRequire stack:\n- ${from}`);
    e.code = 'MODULE_NOT_FOUND';
    return e;
  }
  function resolve(request, fromDir, from) {
    if (!(request.startsWith('./') || request.startsWith('../') || request.startsWith('/') || request === '.' || request === '..')) {
      throw notFound(request, from);
    }
    const base = normalize(fromDir === '.' ? request : `${fromDir}/${request}`);
    for (const c of [base, `${base}.js`, `${base}.json`, `${base}.cjs`, `${base}/index.js`, `${base}/index.json`]) {
      if (host.stat(c) === 'file') return c;
    }
    throw notFound(request, from);
  }
  function load(filename) {
    if (cache[filename]) return cache[filename].exports;
    const module = { id: filename, filename, loaded: false, exports: {}, children: [] };
    cache[filename] = module;
    const source = host.readFile(filename);
    if (filename.endsWith('.json')) {
      module.exports = JSON.parse(source);
    } else {
      const body = source.startsWith('#!') ? '//' + source : source;
      const wrapper = host.evalScript(`(function (exports, require, module, __filename, __dirname) {${body}\n})`, filename);
      wrapper.call(module.exports, module.exports, makeRequire(filename), module, filename, dirname(filename));
    }
    module.loaded = true;
    return module.exports;
  }
  function makeRequire(from) {
    const require = (request) => {
      const name = String(request).replace(/^node:/, '');
      if (Object.prototype.hasOwnProperty.call(builtins, name)) return builtins[name];
      return load(resolve(String(request), dirname(from), from));
    };
    require.cache = cache;
    require.resolve = (request) => resolve(String(request), dirname(from), from);
    return require;
  }
  globalThis.require = makeRequire('[eval]');

  // ---- the hooks main.rs calls ----

  host.runMain = (entry) => {
    load(entry);
  };
  host.tick = () => {
    if (pending.size === 0) return false;
    let next = null;
    for (const t of pending.values()) if (next === null || t.due < next.due) next = t;
    const wait = next.due - host.now();
    if (wait > 0) host.sleep(wait);
    if (next.repeat) next.due = Math.max(next.due + next.delay, host.now());
    else pending.delete(next.id);
    next.fn(...next.args);
    return true;
  };
  host.exitCode = () => exitCode;
  host.reportUncaught = (err) => {
    write(2, (err instanceof Error ? `Uncaught ${errorText(err)}` : `Uncaught ${inspect(err)}`) + '\n');
  };
  host.reportUnhandledRejection = (reason) => {
    if (reason instanceof Error) write(2, `Uncaught ${errorText(reason)}\n`);
    else write(2, `Error [ERR_UNHANDLED_REJECTION]: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${inspect(reason)}".\n`);
  };
})(globalThis.__codebox);
