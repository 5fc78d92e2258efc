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
    // Named as Node's are (`fs.readFile.name` is 'readFile'; promisify keeps the name).
    fs[name] = { [name]: (...args) => {
      const callback = args.pop();
      if (typeof callback !== 'function') throw new TypeError('The "cb" argument must be of type function');
      later(sync, args, callback);
    } }[name];
  }
  fs.exists = function exists(path, callback) { setImmediate(() => callback(fs.existsSync(path))); };
  fs.promises = {};
  for (const name of ['readFile', 'writeFile', 'appendFile', 'readdir', 'stat', 'mkdir', 'unlink']) {
    const sync = fs[`${name}Sync`];
    fs.promises[name] = { [name]: (...args) => new Promise((resolve, reject) => later(sync, args, (e, r) => (e ? reject(e) : resolve(r)))) }[name];
  }
  fs.constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };

  // Streams over files: a ReadStream reads the file when it opens (a run's files are in
  // memory) and gives it out in `highWaterMark` chunks (64 KiB), from `start` to `end`
  // inclusive; a WriteStream truncates (flags 'w') or appends (flags 'a') and writes each
  // chunk through. Both emit 'open', 'ready' and 'close' as Node's do.
  let streamClasses;
  function fileStreams() {
    if (streamClasses) return streamClasses;
    const { Readable, Writable } = host.internal('stream');
    let nextFd = 100;
    // A file stream is open: it gets a descriptor number, then says so, as Node's do.
    const opened = (stream, callback) => {
      stream.fd = nextFd++;
      stream.pending = false;
      callback();
      stream.emit('open', stream.fd);
      stream.emit('ready');
    };
    class ReadStream extends Readable {
      constructor(path, options) {
        options = typeof options === 'string' ? { encoding: options } : { ...options };
        super({ highWaterMark: 64 * 1024, ...options });
        this.path = pathOf(path);
        this.start = options.start;
        this.end = options.end;
        this.bytesRead = 0;
        this.pending = true;
        this.fd = null;
      }
      _construct(callback) {
        try {
          const bytes = Buffer.from(host.readFileBytes(this.path));
          const end = this.end === undefined || this.end === Infinity ? bytes.length : this.end + 1;
          this._bytes = bytes.subarray(this.start || 0, end);
          this._offset = 0;
          opened(this, callback);
        } catch (error) {
          callback(error);
        }
      }
      // Each chunk arrives on a later turn of the loop, as a read from the disk would: a
      // reader sees the chunks one at a time, as under Node.
      _read(size) {
        setImmediate(() => {
          if (this.destroyed) return;
          const chunk = this._bytes.subarray(this._offset, this._offset + size);
          this._offset += chunk.length;
          this.bytesRead += chunk.length;
          this.push(chunk.length > 0 ? Buffer.from(chunk) : null);
        });
      }
      close(callback) {
        if (typeof callback === 'function') host.internal('stream').finished(this, callback);
        this.destroy();
      }
    }
    class WriteStream extends Writable {
      constructor(path, options) {
        options = typeof options === 'string' ? { encoding: options } : { ...options };
        super({ decodeStrings: true, ...options });
        this.path = pathOf(path);
        this.flags = options.flags || 'w';
        this.bytesWritten = 0;
        this.pending = true;
        this.fd = null;
      }
      _construct(callback) {
        try {
          if (!this.flags.startsWith('a') || host.stat(this.path) == null) host.writeFile(this.path, [], false);
          opened(this, callback);
        } catch (error) {
          callback(error);
        }
      }
      _write(chunk, encoding, callback) {
        try {
          host.writeFile(this.path, toBytes(chunk), true);
          this.bytesWritten += chunk.length;
          callback();
        } catch (error) {
          callback(error);
        }
      }
      close(callback) {
        if (typeof callback === 'function') host.internal('stream').finished(this, callback);
        this.end();
      }
    }
    streamClasses = { ReadStream, WriteStream };
    return streamClasses;
  }
  fs.createReadStream = (path, options) => new (fileStreams().ReadStream)(path, options);
  fs.createWriteStream = (path, options) => new (fileStreams().WriteStream)(path, options);
  Object.defineProperty(fs, 'ReadStream', { get: () => fileStreams().ReadStream, enumerable: true });
  Object.defineProperty(fs, 'WriteStream', { get: () => fileStreams().WriteStream, enumerable: true });

  return fs;
})(globalThis.__codebox);
