// The `fs` module: synchronous, callback and promise forms over the sandbox's files.
(function (host) {
  'use strict';

  // ---- fs ----

  // The host throws Node's errors, with `code`, `errno`, `syscall` and `path`.
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
      // UTF-8 text, the common case, comes straight from the host without a Buffer.
      const utf8 = encoding !== null && /^utf-?8$/i.test(encoding);
      if (path === 0 || path === '/dev/stdin') return utf8 ? host.takeStdin() : decode(Buffer.from(host.takeStdin()), encoding);
      if (utf8) return host.readFile(pathOf(path));
      return decode(Buffer.from(host.readFileBytes(pathOf(path))), encoding);
    },
    writeFileSync(path, data) {
      if (path === 1 || path === '/dev/stdout') return void host.write(1, toText(data));
      if (path === 2 || path === '/dev/stderr') return void host.write(2, toText(data));
      host.writeFile(pathOf(path), toBytes(data), false);
    },
    appendFileSync(path, data) { host.writeFile(pathOf(path), toBytes(data), true); },
    copyFileSync(from, to) { host.writeFile(pathOf(to), toBytes(new Uint8Array(host.readFileBytes(pathOf(from)))), false); },
    renameSync(from, to) { host.rename(pathOf(from), pathOf(to)); },
    existsSync(path) { return host.stat(pathOf(path)) != null; },
    readdirSync(path, options) {
      const p = pathOf(path);
      const names = host.readDir(p);
      return options && options.withFileTypes ? names.map((n) => new Dirent(n, host.stat(`${p}/${n}`))) : names;
    },
    statSync(path) {
      const { kind, size } = host.statInfo(pathOf(path));
      return new Stats(kind, size);
    },
    mkdirSync(path, options) { host.mkdir(pathOf(path), Boolean(options && options.recursive)); },
    unlinkSync(path) { host.remove(pathOf(path), false); },
    rmSync(path, options) {
      const p = pathOf(path);
      if (host.stat(p) == null && options && options.force) return;
      host.remove(p, Boolean(options && options.recursive));
    },
    rmdirSync(path, options) { host.remove(pathOf(path), Boolean(options && options.recursive)); },
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

  return fs;
})(globalThis.__codebox);
