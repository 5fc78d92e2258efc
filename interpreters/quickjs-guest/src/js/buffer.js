// Buffer (the part interview code uses: stdin chunks, readFileSync without an encoding,
// concat, toString in utf8/hex/base64/latin1), and TextEncoder / TextDecoder.
(function (host) {
  'use strict';

  const ascii = /^[\x00-\x7f]*$/;

  function utf8Encode(str) {
    // Plain ASCII, the usual stdin, needs no per-character decisions.
    if (ascii.test(str)) {
      const bytes = new Uint8Array(str.length);
      for (let i = 0; i < str.length; i++) bytes[i] = str.charCodeAt(i);
      return bytes;
    }
    const out = [];
    for (let i = 0; i < str.length; i++) {
      let c = str.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
        const d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
        else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        c = 0xfffd;
      }
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }

  function utf8Decode(bytes, start = 0, end = bytes.length) {
    let plain = true;
    for (let i = start; i < end; i++) {
      if (bytes[i] > 0x7f) {
        plain = false;
        break;
      }
    }
    if (plain) {
      let text = '';
      for (let i = start; i < end; i += 8192) text += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(i + 8192, end)));
      return text;
    }
    let out = '';
    let chunk = [];
    for (let i = start; i < end;) {
      const b = bytes[i];
      let c = 0xfffd;
      let n = 1;
      if (b < 0x80) c = b;
      else if (b >= 0xc2 && b < 0xe0 && i + 1 < end && (bytes[i + 1] & 0xc0) === 0x80) { c = ((b & 31) << 6) | (bytes[i + 1] & 63); n = 2; }
      else if (b >= 0xe0 && b < 0xf0 && i + 2 < end && (bytes[i + 1] & 0xc0) === 0x80 && (bytes[i + 2] & 0xc0) === 0x80) {
        c = ((b & 15) << 12) | ((bytes[i + 1] & 63) << 6) | (bytes[i + 2] & 63); n = 3;
        if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) { c = 0xfffd; n = 1; }
      } else if (b >= 0xf0 && b < 0xf5 && i + 3 < end && (bytes[i + 1] & 0xc0) === 0x80 && (bytes[i + 2] & 0xc0) === 0x80 && (bytes[i + 3] & 0xc0) === 0x80) {
        c = ((b & 7) << 18) | ((bytes[i + 1] & 63) << 12) | ((bytes[i + 2] & 63) << 6) | (bytes[i + 3] & 63); n = 4;
        if (c < 0x10000 || c > 0x10ffff) { c = 0xfffd; n = 1; }
      }
      i += n;
      if (c >= 0x10000) { c -= 0x10000; chunk.push(0xd800 + (c >> 10), 0xdc00 + (c & 1023)); } else chunk.push(c);
      if (chunk.length > 8192) { out += String.fromCharCode(...chunk); chunk = []; }
    }
    return out + String.fromCharCode(...chunk);
  }

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  class Buffer extends Uint8Array {
    static from(value, encodingOrOffset, length) {
      if (typeof value === 'string') return Buffer._fromBytes(encode(value, encodingOrOffset));
      if (value instanceof ArrayBuffer) return new Buffer(value, encodingOrOffset || 0, length === undefined ? value.byteLength - (encodingOrOffset || 0) : length);
      if (ArrayBuffer.isView(value) || Array.isArray(value)) return Buffer._fromBytes(Array.from(value, (v) => v & 255));
      if (value && value.type === 'Buffer' && Array.isArray(value.data)) return Buffer._fromBytes(value.data);
      throw new TypeError('The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object.');
    }
    static _fromBytes(bytes) { const b = new Buffer(bytes.length); b.set(bytes); return b; }
    static alloc(size, fill) { const b = new Buffer(size); if (fill !== undefined) b.fill(typeof fill === 'string' ? fill.charCodeAt(0) : fill); return b; }
    static allocUnsafe(size) { return new Buffer(size); }
    static isBuffer(b) { return b instanceof Buffer; }
    static isEncoding(e) { return ['utf8', 'utf-8', 'hex', 'base64', 'latin1', 'binary', 'ascii'].includes(String(e).toLowerCase()); }
    static byteLength(str, encoding) { return typeof str === 'string' ? encode(str, encoding).length : str.byteLength; }
    static concat(list, total) {
      if (total === undefined) total = list.reduce((n, b) => n + b.length, 0);
      const out = Buffer.alloc(total);
      let pos = 0;
      for (const b of list) { if (pos >= total) break; const part = b.subarray(0, total - pos); out.set(part, pos); pos += part.length; }
      return out;
    }
    static compare(a, b) { return a.compare(b); }
    toString(encoding = 'utf8', start = 0, end = this.length) {
      start = Math.max(0, start | 0);
      end = Math.min(this.length, end === undefined ? this.length : end | 0);
      switch (String(encoding).toLowerCase()) {
        case 'utf8': case 'utf-8': return utf8Decode(this, start, end);
        case 'hex': { let s = ''; for (let i = start; i < end; i++) s += this[i].toString(16).padStart(2, '0'); return s; }
        case 'latin1': case 'binary': { let s = ''; for (let i = start; i < end; i++) s += String.fromCharCode(this[i]); return s; }
        case 'ascii': { let s = ''; for (let i = start; i < end; i++) s += String.fromCharCode(this[i] & 127); return s; }
        case 'base64': {
          let s = '';
          for (let i = start; i < end; i += 3) {
            const n = (this[i] << 16) | ((i + 1 < end ? this[i + 1] : 0) << 8) | (i + 2 < end ? this[i + 2] : 0);
            s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < end ? B64[(n >> 6) & 63] : '=') + (i + 2 < end ? B64[n & 63] : '=');
          }
          return s;
        }
        default: throw new TypeError(`Unknown encoding: ${encoding}`);
      }
    }
    toJSON() { return { type: 'Buffer', data: Array.from(this) }; }
    equals(other) { return this.length === other.length && this.every((v, i) => v === other[i]); }
    compare(other) {
      const n = Math.min(this.length, other.length);
      for (let i = 0; i < n; i++) if (this[i] !== other[i]) return this[i] < other[i] ? -1 : 1;
      return this.length === other.length ? 0 : this.length < other.length ? -1 : 1;
    }
    slice(start, end) { return this.subarray(start, end); }
    subarray(start, end) { const v = Uint8Array.prototype.subarray.call(this, start, end); return new Buffer(v.buffer, v.byteOffset, v.length); }
    write(string, offset = 0) { const bytes = utf8Encode(string); const n = Math.min(bytes.length, this.length - offset); this.set(bytes.slice(0, n), offset); return n; }
    readUInt8(offset = 0) { return this[offset]; }
    [Symbol.for('nodejs.util.inspect.custom')]() {
      const max = 50;
      let str = Array.from(this.subarray(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
      if (this.length > max) str += ` ... ${this.length - max} more byte${this.length - max > 1 ? 's' : ''}`;
      return `<Buffer${str ? ' ' + str : ''}>`;
    }
  }

  function encode(str, encoding = 'utf8') {
    switch (String(encoding).toLowerCase()) {
      case 'utf8': case 'utf-8': return utf8Encode(str);
      case 'hex': { const out = []; for (let i = 0; i + 1 < str.length; i += 2) { const v = parseInt(str.slice(i, i + 2), 16); if (Number.isNaN(v)) break; out.push(v); } return out; }
      case 'latin1': case 'binary': case 'ascii': return Array.from(str, (c) => c.charCodeAt(0) & 255);
      case 'base64': {
        const clean = str.replace(/[^A-Za-z0-9+/]/g, '');
        const out = [];
        for (let i = 0; i < clean.length; i += 4) {
          const n = (B64.indexOf(clean[i]) << 18) | (B64.indexOf(clean[i + 1]) << 12) | ((clean[i + 2] ? B64.indexOf(clean[i + 2]) : 0) << 6) | (clean[i + 3] ? B64.indexOf(clean[i + 3]) : 0);
          out.push((n >> 16) & 255);
          if (clean[i + 2]) out.push((n >> 8) & 255);
          if (clean[i + 3]) out.push(n & 255);
        }
        return out;
      }
      default: throw new TypeError(`Unknown encoding: ${encoding}`);
    }
  }

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(str = '') { return new Uint8Array(utf8Encode(String(str))); }
  }
  class TextDecoder {
    constructor(label = 'utf-8') { this._label = label; }
    get encoding() { return 'utf-8'; }
    decode(bytes) { if (bytes === undefined) return ''; const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength); return utf8Decode(view); }
  }

  return { Buffer, TextEncoder, TextDecoder, utf8Decode, utf8Encode };
})(globalThis.__codebox);
