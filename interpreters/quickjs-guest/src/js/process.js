// `process`: argv, env, exit and exitCode, stdout/stderr writers, and stdin as a readable
// stream that delivers the run's whole stdin in 64 KiB chunks through the event loop.
(function (host) {
  'use strict';

  const { EventEmitter } = host;
  // Set again by host.startRun: the guest is built once and snapshotted, then runs later.
  let startTime = host.now();
  const write = (fd, chunk) => host.write(fd, typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString() : String(chunk));

  // ---- stdin: the whole input is known up front, so reads never block ----

  // The run's stdin, read once: whoever takes it first (`fs.readFileSync(0)` or
  // `process.stdin`) gets all of it, and later readers find it at its end, as in Node.
  let stdinTaken = false;
  host.takeStdin = () => {
    if (stdinTaken) return '';
    stdinTaken = true;
    return host.readStdin();
  };
  const CHUNK = 65536;

  class Stdin extends EventEmitter {
    constructor() {
      super();
      this.fd = 0;
      this.isTTY = undefined;
      this.readable = true;
      this._encoding = null;
      this._flowing = null;
      this._chunks = null;
      this._ended = false;
      this._endEmitted = false;
    }
    setEncoding(encoding) { this._encoding = encoding || 'utf8'; return this; }
    resume() { this._flowing = true; return this; }
    pause() { this._flowing = false; return this; }
    isPaused() { return this._flowing === false; }
    on(name, listener) {
      super.on(name, listener);
      if (name === 'data' && this._flowing !== false) this._flowing = true;
      if (name === 'readable') this._flowing = false;
      return this;
    }
    pipe(destination) { this.on('data', (chunk) => destination.write(chunk)); return destination; }
    read() {
      this._load();
      if (this._chunks.length === 0) { this._ended = true; return null; }
      return this._format(this._chunks.splice(0, this._chunks.length));
    }
    _load() {
      if (this._chunks !== null) return;
      const bytes = Buffer.from(host.takeStdin());
      this._chunks = [];
      for (let i = 0; i < bytes.length; i += CHUNK) this._chunks.push(bytes.subarray(i, i + CHUNK));
    }
    _format(chunks) {
      const data = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      return this._encoding ? data.toString(this._encoding) : data;
    }
    // The event loop's view: data while flowing, then 'end' and 'close'.
    _pending() {
      if (this._endEmitted) return false;
      if (this.listenerCount('readable') > 0) return true;
      return this._flowing === true;
    }
    _poll() {
      this._load();
      if (this.listenerCount('readable') > 0 && !this._ended) {
        this.emit('readable');
        if (this._chunks.length === 0) this._ended = true;
        return true;
      }
      if (this._chunks.length > 0 && !this._ended) {
        this.emit('data', this._format([this._chunks.shift()]));
        return true;
      }
      this._ended = true;
      this._endEmitted = true;
      this.readable = false;
      this.emit('end');
      this.emit('close');
      return true;
    }
    [Symbol.asyncIterator]() {
      this._load();
      const chunks = this._chunks.splice(0, this._chunks.length);
      this._ended = true;
      this._endEmitted = true;
      let i = 0;
      return { next: async () => (i < chunks.length ? { value: this._format([chunks[i++]]), done: false } : { value: undefined, done: true }), [Symbol.asyncIterator]() { return this; } };
    }
  }

  // process.emitWarning as Node's: the warning is an Error named by its type, emitted as
  // 'warning' on the next tick and printed to stderr (with Node's hint, the first time).
  let hinted = false;
  function emitWarning(warning, type, code, ctor) {
    let detail;
    if (type !== null && typeof type === 'object') {
      ({ type, code, detail } = type);
    } else if (typeof type === 'function') {
      type = undefined;
    } else if (typeof code === 'function') {
      code = undefined;
    }
    if (typeof warning === 'string') {
      const error = new Error(warning);
      error.name = typeof type === 'string' ? type : 'Warning';
      if (code !== undefined) error.code = code;
      if (detail !== undefined) error.detail = detail;
      warning = error;
    } else if (!(warning instanceof Error)) {
      throw host.invalidArgType('warning', 'string or an instance of Error', warning);
    }
    if (warning.name === 'DeprecationWarning' && globalThis.process.noDeprecation) return;
    host.nextTick(() => {
      globalThis.process.emit('warning', warning);
      const prefix = `(node:${globalThis.process.pid}) ${warning.code ? `[${warning.code}] ` : ''}`;
      let text = `${prefix}${warning.name}: ${warning.message}\n`;
      if (typeof warning.detail === 'string') text += `${warning.detail}\n`;
      if (!hinted) {
        hinted = true;
        const flag = warning.name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings';
        text += `(Use \`node ${flag} ...\` to show where the warning was created)\n`;
      }
      // Through the stream's own write, as Node prints it, so that a program that replaced
      // process.stderr.write sees it.
      globalThis.process.stderr.write(text);
    });
  }

  class Writer extends EventEmitter {
    constructor(fd) { super(); this.fd = fd; this.isTTY = undefined; this.writable = true; }
    write(chunk, encoding, callback) {
      write(this.fd, chunk);
      const cb = typeof encoding === 'function' ? encoding : callback;
      if (typeof cb === 'function') host.nextTick(cb);
      return true;
    }
    end(chunk, encoding, callback) { if (chunk !== undefined && typeof chunk !== 'function') write(this.fd, chunk); return this; }
    cork() {}
    uncork() {}
  }

  const process = new EventEmitter();
  const stdin = new Stdin();
  host.addIoSource({ pending: () => stdin._pending(), poll: () => stdin._poll() });

  let exitCode;
  let exiting = false;
  function runExitHandlers(code) {
    if (exiting) return code;
    exiting = true;
    // Node's flag, read by the modules that refuse work during 'exit' (assert.CallTracker).
    process._exiting = true;
    process.exitCode = code;
    try {
      process.emit('exit', code);
    } catch (e) {
      host.reportUncaught(e);
      return 7;
    }
    return exitCode === undefined ? code : exitCode;
  }

  Object.assign(process, {
    title: 'node',
    _exiting: false,
    argv: ['/usr/local/bin/node', String(host.entry)],
    argv0: 'node',
    execArgv: [],
    execPath: '/usr/local/bin/node',
    env: {},
    pid: 42,
    ppid: 1,
    platform: 'linux',
    arch: 'x64',
    version: 'v20.20.2',
    versions: { node: '20.20.2' },
    release: { name: 'node' },
    stdin,
    stdout: new Writer(1),
    stderr: new Writer(2),
    exit(code) {
      if (code !== undefined) exitCode = Number(code) | 0;
      host.exit(runExitHandlers(exitCode === undefined ? 0 : exitCode));
    },
    cwd: () => host.cwd,
    chdir() {
      const e = new Error('process.chdir() is not supported in workers');
      host.coded(e, 'ERR_WORKER_UNSUPPORTED_OPERATION');
      throw e;
    },
    nextTick: host.nextTick,
    hrtime: Object.assign((prev) => {
      const ns = BigInt(Math.round(host.now() * 1e6));
      const t = [Number(ns / 1000000000n), Number(ns % 1000000000n)];
      if (!prev) return t;
      let s = t[0] - prev[0];
      let n = t[1] - prev[1];
      if (n < 0) { s -= 1; n += 1e9; }
      return [s, n];
    }, { bigint: () => BigInt(Math.round(host.now() * 1e6)) }),
    uptime: () => (host.now() - startTime) / 1000,
    memoryUsage: Object.assign(() => ({ rss: 41943040, heapTotal: 6291456, heapUsed: 4718592, external: 1048576, arrayBuffers: 16384 }), { rss: () => 41943040 }),
    cpuUsage: () => ({ user: Math.round((host.now() - startTime) * 1000), system: 0 }),
    emitWarning,
    umask: () => 0o22,
    getuid: () => 1000,
    getgid: () => 1000,
  });
  Object.defineProperty(process, 'exitCode', {
    get: () => exitCode,
    set: (c) => { exitCode = c === undefined ? undefined : Number(c) | 0; },
    enumerable: true,
  });

  host.finalExitCode = () => runExitHandlers(exitCode === undefined ? 0 : exitCode);
  // After an uncaught error Node still runs the 'exit' handlers, with code 1.
  host.exitAfterUncaught = () => { exitCode = undefined; return runExitHandlers(1); };
  globalThis.process = process;
  globalThis.global = globalThis;
  let origin = host.now();
  Object.defineProperty(globalThis, 'performance', {
    value: { now: () => host.now() - origin, get timeOrigin() { return origin; }, mark() {}, measure() {} },
    writable: true,
    configurable: true,
  });
  // Called once per run, before the program: what the bootstrap captured when the snapshot was
  // taken (the entry, the working directory, the clocks' origins) becomes this run's.
  host.startRun = (entry, cwd) => {
    host.entry = entry;
    host.cwd = cwd;
    process.argv[1] = String(entry);
    startTime = host.now();
    origin = startTime;
  };
})(globalThis.__codebox);
