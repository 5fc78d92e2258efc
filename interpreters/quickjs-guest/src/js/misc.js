// The small built-ins: `os`, `timers`, `timers/promises`, `string_decoder`.
(function (host) {
  'use strict';

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
      return host.internal('buffer').utf8Decode(bytes, 0, end);
    }
    end(buffer) { const s = buffer ? this.write(buffer) : ''; const rest = host.internal('buffer').utf8Decode(this._pending); this._pending = []; return s + rest; }
  }

  return { os, timers, timersPromises, StringDecoder };
})(globalThis.__codebox);
