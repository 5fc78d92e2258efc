// Buffer with Node's surface: every encoding Node knows (utf8, utf16le/ucs2, latin1/binary,
// ascii, hex, base64, base64url), the numeric readers and writers (integers of 1 to 6 bytes,
// floats, BigInts), fill, indexOf, compare, copy, swap, Node's argument checks; and
// TextEncoder / TextDecoder.
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
    // The WHATWG decoder, as V8's: an ill-formed sequence becomes one U+FFFD for its longest
    // valid start (its "maximal subpart"), and decoding goes on at the byte that broke it.
    for (let i = start; i < end;) {
      const b = bytes[i];
      let c = 0xfffd;
      let n = 1;
      if (b < 0x80) {
        c = b;
      } else {
        let need = 0;
        let low = 0x80;
        let high = 0xbf;
        let cp = 0;
        if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
        else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; if (b === 0xe0) low = 0xa0; if (b === 0xed) high = 0x9f; }
        else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; if (b === 0xf0) low = 0x90; if (b === 0xf4) high = 0x8f; }
        let j = i + 1;
        let complete = need > 0;
        for (let k = 0; k < need; k++, j++) {
          if (j >= end || bytes[j] < low || bytes[j] > high) { complete = false; break; }
          cp = (cp << 6) | (bytes[j] & 0x3f);
          low = 0x80;
          high = 0xbf;
        }
        if (complete) c = cp;
        n = need > 0 ? j - i : 1;
      }
      i += n;
      if (c >= 0x10000) { c -= 0x10000; chunk.push(0xd800 + (c >> 10), 0xdc00 + (c & 1023)); } else chunk.push(c);
      if (chunk.length > 8192) { out += String.fromCharCode(...chunk); chunk = []; }
    }
    return out + String.fromCharCode(...chunk);
  }

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const B64_VALUES = new Map([...B64].map((c, i) => [c, i]).concat([['-', 62], ['_', 63]]));
  const kMaxLength = 2 ** 32;
  let inspectMaxBytes = 50;

  const rangeError = (name, range, received) => {
    const error = new RangeError(`The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
    host.coded(error, 'ERR_OUT_OF_RANGE');
    return error;
  };
  // A received number as Node's range errors show it: grouped with underscores past 2 ** 32.
  const shownNumber = (n) => {
    const { groupInteger } = host.internal('primitives');
    if (typeof n === 'bigint') return `${n > 2n ** 32n || n < -(2n ** 32n) ? groupInteger(`${n}`) : n}n`;
    return Number.isInteger(n) && Math.abs(n) > 2 ** 32 ? groupInteger(String(n)) : String(n);
  };
  const isBytes = (value) => value instanceof Uint8Array;

  // The encodings Node knows, by every name it accepts.
  function encodingOf(encoding) {
    if (encoding === undefined || encoding === null) return 'utf8';
    switch (String(encoding).toLowerCase()) {
      case 'utf8': case 'utf-8': return 'utf8';
      case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
      case 'latin1': case 'binary': return 'latin1';
      case 'base64': return 'base64';
      case 'base64url': return 'base64url';
      case 'hex': return 'hex';
      case 'ascii': return 'ascii';
      default: return undefined;
    }
  }
  function knownEncoding(encoding) {
    const known = encodingOf(encoding);
    if (known === undefined) {
      const error = new TypeError(`Unknown encoding: ${encoding}`);
      host.coded(error, 'ERR_UNKNOWN_ENCODING');
      throw error;
    }
    return known;
  }

  function base64Decode(str) {
    const out = [];
    let bits = 0;
    let value = 0;
    for (const c of str) {
      if (c === '=') break;
      const v = B64_VALUES.get(c);
      if (v === undefined) continue;
      value = (value << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push((value >> bits) & 255);
      }
    }
    return out;
  }
  function base64Encode(bytes, start, end, alphabet, pad) {
    let s = '';
    for (let i = start; i < end; i += 3) {
      const n = (bytes[i] << 16) | ((i + 1 < end ? bytes[i + 1] : 0) << 8) | (i + 2 < end ? bytes[i + 2] : 0);
      s += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63];
      if (i + 1 < end) s += alphabet[(n >> 6) & 63]; else if (pad) s += '=';
      if (i + 2 < end) s += alphabet[n & 63]; else if (pad) s += '=';
    }
    return s;
  }

  // The bytes of `str` in `encoding`.
  function encode(str, encoding) {
    switch (knownEncoding(encoding)) {
      case 'utf8': return utf8Encode(str);
      case 'utf16le': {
        const out = new Array(str.length * 2);
        for (let i = 0; i < str.length; i++) { const c = str.charCodeAt(i); out[2 * i] = c & 255; out[2 * i + 1] = c >> 8; }
        return out;
      }
      case 'hex': {
        const out = [];
        for (let i = 0; i + 1 < str.length; i += 2) {
          const pair = str.slice(i, i + 2);
          if (!/^[0-9a-fA-F]{2}$/.test(pair)) break;
          out.push(parseInt(pair, 16));
        }
        return out;
      }
      case 'latin1': case 'ascii': return Array.from(str, (c) => c.charCodeAt(0) & 255);
      default: return base64Decode(str);
    }
  }

  // `bytes.slice(start, end)` as text in `encoding`.
  function decode(bytes, encoding, start, end) {
    switch (knownEncoding(encoding)) {
      case 'utf8': return utf8Decode(bytes, start, end);
      case 'utf16le': { let s = ''; for (let i = start; i + 1 < end; i += 2) s += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8)); return s; }
      case 'hex': { let s = ''; for (let i = start; i < end; i++) s += bytes[i].toString(16).padStart(2, '0'); return s; }
      case 'latin1': { let s = ''; for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]); return s; }
      case 'ascii': { let s = ''; for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i] & 127); return s; }
      case 'base64': return base64Encode(bytes, start, end, B64, true);
      default: return base64Encode(bytes, start, end, B64URL, false);
    }
  }

  // Buffers are FastBuffers, Uint8Arrays whose constructor is `Buffer`: `Buffer` itself is a
  // function, so that `Buffer(n)` works without `new`, as in Node.
  class FastBuffer extends Uint8Array {}

  // Buffer() and new Buffer() warn once (DEP0005), as in Node, unless called from a package
  // under node_modules.
  let bufferWarned = false;
  function showFlaggedDeprecation() {
    if (bufferWarned) return;
    const stack = new Error().stack;
    if (typeof stack === 'string' && stack.includes('/node_modules/')) return;
    bufferWarned = true;
    globalThis.process.emitWarning('Buffer() is deprecated due to security and usability issues. Please use the ' +
      'Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.', 'DeprecationWarning', 'DEP0005');
  }

  function Buffer(arg, encodingOrOffset, length) {
    showFlaggedDeprecation();
    if (typeof arg === 'number') {
      if (typeof encodingOrOffset === 'string') throw host.invalidArgType('string', 'string', arg);
      return Buffer.alloc(arg);
    }
    return Buffer.from(arg, encodingOrOffset, length);
  }
  Buffer.prototype = FastBuffer.prototype;
  Object.defineProperty(FastBuffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true });
  Object.setPrototypeOf(Buffer, Uint8Array);
  // What typed-array methods (subarray, map, filter) make, as in Node: a FastBuffer, so that
  // they neither call Buffer() nor warn.
  Object.defineProperty(Buffer, Symbol.species, { enumerable: false, configurable: true, get() { return FastBuffer; } });
  Buffer.poolSize = 8192;

  const fromBytes = (bytes) => { const b = new FastBuffer(bytes.length); b.set(bytes); return b; };
  const checkSize = (size) => {
    if (typeof size !== 'number') throw host.invalidArgType('size', 'number', size);
    if (!(size >= 0 && size <= kMaxLength)) throw rangeError('size', `>= 0 && <= ${kMaxLength}`, shownNumber(size));
  };
  const checkBytes = (name, value) => {
    if (!isBytes(value)) throw host.invalidArgType(name, 'an instance of Buffer or Uint8Array', value);
  };

  // A real ArrayBuffer or SharedArrayBuffer, not an object that only inherits from one.
  const byteLengthOf = [ArrayBuffer, globalThis.SharedArrayBuffer]
    .filter((c) => typeof c === 'function')
    .map((c) => Object.getOwnPropertyDescriptor(c.prototype, 'byteLength').get);
  const isAnyArrayBuffer = (value) => byteLengthOf.some((get) => {
    try {
      get.call(value);
      return true;
    } catch (_) {
      return false;
    }
  });

  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return fromBytes(encode(value, encodingOrOffset));
    if (isAnyArrayBuffer(value)) {
      const outOfBounds = (name) => host.coded(new RangeError(`"${name}" is outside of buffer bounds`), 'ERR_BUFFER_OUT_OF_BOUNDS');
      let offset = encodingOrOffset === undefined ? 0 : +encodingOrOffset;
      if (Number.isNaN(offset)) offset = 0;
      const maxLength = value.byteLength - offset;
      if (maxLength < 0) throw outOfBounds('offset');
      if (length === undefined) {
        length = maxLength;
      } else {
        length = +length;
        if (length > 0) {
          if (length > maxLength) throw outOfBounds('length');
        } else {
          length = 0;
        }
      }
      return new FastBuffer(value, offset, length);
    }
    if (ArrayBuffer.isView(value) || Array.isArray(value)) return fromBytes(Array.from(value, (v) => v & 255));
    if (value !== null && typeof value === 'object') {
      const primitive = typeof value[Symbol.toPrimitive] === 'function' ? value[Symbol.toPrimitive]('string') : value.valueOf();
      if (primitive !== value && primitive !== null && primitive !== undefined && (typeof primitive === 'string' || typeof primitive === 'object')) return Buffer.from(primitive, encodingOrOffset, length);
      if (value.type === 'Buffer' && Array.isArray(value.data)) return fromBytes(value.data);
      if (typeof value.length === 'number') return fromBytes(Array.from({ length: value.length }, (_, i) => value[i] & 255));
    }
    throw host.invalidArgType('first argument', 'string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
  };
  Buffer.of = (...items) => fromBytes(items.map((v) => v & 255));
  Buffer.alloc = function alloc(size, fill, encoding) {
    checkSize(size);
    const b = new FastBuffer(size);
    if (fill !== undefined && fill !== 0 && size > 0) b.fill(fill, 0, size, encoding);
    return b;
  };
  Buffer.allocUnsafe = (size) => { checkSize(size); return new FastBuffer(size); };
  Buffer.allocUnsafeSlow = (size) => { checkSize(size); return new FastBuffer(size); };
  Buffer.isBuffer = (b) => b instanceof Buffer;
  Buffer.isEncoding = (e) => typeof e === 'string' && e.length > 0 && encodingOf(e) !== undefined;
  Buffer.byteLength = function byteLength(value, encoding) {
    if (typeof value !== 'string') {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
      throw host.invalidArgType('string', 'string or an instance of Buffer or ArrayBuffer', value);
    }
    const known = encodingOf(encoding) || 'utf8';
    if (known === 'base64' || known === 'base64url') return base64Decode(value).length;
    return encode(value, known).length;
  };
  Buffer.concat = function concat(list, total) {
    if (!Array.isArray(list)) throw host.invalidArgType('list', 'an instance of Array', list);
    list.forEach((b, i) => checkBytes(`list[${i}]`, b));
    if (total === undefined) total = list.reduce((n, b) => n + b.length, 0);
    const out = Buffer.alloc(total);
    let pos = 0;
    for (const b of list) { if (pos >= total) break; const part = b.subarray(0, total - pos); out.set(part, pos); pos += part.length; }
    return out;
  };
  Buffer.compare = function compare(buf1, buf2) {
    checkBytes('buf1', buf1);
    checkBytes('buf2', buf2);
    return compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
  };

  // A position as Node's copy takes it: a whole number, or 0 when it is not a safe number.
  function toInteger(value) {
    const n = +value;
    if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) return n % 1 === 0 ? n : Math.floor(n);
    return 0;
  }

  // A position as compare takes it: a whole number from 0 to `max`.
  function checkedOffset(value, name, max) {
    if (typeof value !== 'number') throw host.invalidArgType(name, 'number', value);
    if (!Number.isInteger(value)) throw rangeError(name, 'an integer', value);
    if (value < 0 || value > max) throw rangeError(name, `>= 0 && <= ${max}`, value);
    return value;
  }

  function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
    const n = Math.min(aEnd - aStart, bEnd - bStart);
    for (let i = 0; i < n; i++) if (a[aStart + i] !== b[bStart + i]) return a[aStart + i] < b[bStart + i] ? -1 : 1;
    const la = aEnd - aStart;
    const lb = bEnd - bStart;
    return la === lb ? 0 : la < lb ? -1 : 1;
  }

  // The bytes a fill, indexOf or includes looks for.
  function needleOf(value, encoding) {
    if (typeof value === 'string') return encode(value, encoding);
    if (typeof value === 'number') return [value & 255];
    if (isBytes(value)) return value;
    if (typeof value === 'boolean') return [Number(value)];
    throw host.invalidArgType('value', 'number or string or an instance of Buffer or Uint8Array', value);
  }

  function search(buf, value, byteOffset, encoding, last) {
    if (typeof byteOffset === 'string') { encoding = byteOffset; byteOffset = undefined; }
    const needle = needleOf(value, encoding);
    let from = byteOffset === undefined ? (last ? buf.length : 0) : Math.trunc(Number(byteOffset)) || 0;
    if (from < 0) from += buf.length;
    if (needle.length === 0) return Math.min(Math.max(from, 0), buf.length);
    const matches = (at) => { for (let j = 0; j < needle.length; j++) if (buf[at + j] !== needle[j]) return false; return true; };
    if (last) {
      for (let i = Math.min(from, buf.length - needle.length); i >= 0; i--) if (matches(i)) return i;
    } else {
      for (let i = Math.max(from, 0); i + needle.length <= buf.length; i++) if (matches(i)) return i;
    }
    return -1;
  }

  // Checks that `size` bytes at `offset` lie inside `buf`, as Node's readers and writers do.
  function checkOffset(buf, offset, size) {
    if (typeof offset !== 'number') throw host.invalidArgType('offset', 'number', offset);
    const last = buf.length - size;
    if (Math.floor(offset) !== offset) throw rangeError('offset', 'an integer', offset);
    if (last < 0) {
      const error = new RangeError('Attempt to access memory outside buffer bounds');
      host.coded(error, 'ERR_BUFFER_OUT_OF_BOUNDS');
      throw error;
    }
    if (offset < 0 || offset > last) throw rangeError('offset', `>= 0 and <= ${last}`, shownNumber(offset));
  }
  const view = (buf) => new DataView(buf.buffer, buf.byteOffset, buf.byteLength);

  // readUInt8 ... writeDoubleBE, with Node's names and aliases.
  const numeric = [
    ['UInt8', 1, 'Uint8', 0, 255], ['Int8', 1, 'Int8', -128, 127],
    ['UInt16', 2, 'Uint16', 0, 65535], ['Int16', 2, 'Int16', -32768, 32767],
    ['UInt32', 4, 'Uint32', 0, 4294967295], ['Int32', 4, 'Int32', -2147483648, 2147483647],
    ['Float', 4, 'Float32'], ['Double', 8, 'Float64'],
    ['BigUInt64', 8, 'BigUint64', 0n, 2n ** 64n - 1n], ['BigInt64', 8, 'BigInt64', -(2n ** 63n), 2n ** 63n - 1n],
  ];
  const proto = FastBuffer.prototype;
  for (const [name, size, dataView, min, max] of numeric) {
    for (const endian of size === 1 ? [''] : ['LE', 'BE']) {
      const little = endian === 'LE';
      const read = function (offset = 0) {
        checkOffset(this, offset, size);
        return view(this)[`get${dataView}`](offset, little);
      };
      const write = function (value, offset = 0) {
        if (min !== undefined) {
          const big = typeof min === 'bigint';
          if (big ? typeof value !== 'bigint' : typeof value !== 'number') throw host.invalidArgType('value', big ? 'bigint' : 'number', value);
          if (value < min || value > max) {
            const bits = size * 8;
            const range = big
              ? (min === 0n ? `>= 0n and < 2n ** ${bits}n` : `>= -(2n ** ${bits - 1}n) and < 2n ** ${bits - 1}n`)
              : `>= ${shownNumber(min)} and <= ${shownNumber(max)}`;
            throw rangeError('value', range, shownNumber(value));
          }
        }
        checkOffset(this, offset, size);
        view(this)[`set${dataView}`](offset, value, little);
        return offset + size;
      };
      for (const spelling of name.startsWith('UInt') || name.startsWith('BigUInt') ? [name, name.replace('UInt', 'Uint')] : [name]) {
        proto[`read${spelling}${endian}`] = read;
        proto[`write${spelling}${endian}`] = write;
      }
    }
  }
  // readUIntLE(offset, byteLength) and their kin, for 1 to 6 bytes.
  for (const signed of [false, true]) {
    for (const little of [true, false]) {
      const suffix = `${signed ? 'Int' : 'UInt'}${little ? 'LE' : 'BE'}`;
      const checkLength = (byteLength) => {
        if (typeof byteLength !== 'number') throw host.invalidArgType('byteLength', 'number', byteLength);
        // Node checks for a fraction (NaN included) before the range, so Infinity is out of range.
        if (Math.floor(byteLength) !== byteLength) throw rangeError('byteLength', 'an integer', byteLength);
        if (!(byteLength >= 1 && byteLength <= 6)) throw rangeError('byteLength', '>= 1 and <= 6', byteLength);
      };
      const read = function (offset, byteLength) {
        checkLength(byteLength);
        checkOffset(this, offset, byteLength);
        let value = 0;
        for (let i = 0; i < byteLength; i++) value += this[offset + (little ? i : byteLength - 1 - i)] * 2 ** (8 * i);
        if (signed && value >= 2 ** (8 * byteLength - 1)) value -= 2 ** (8 * byteLength);
        return value;
      };
      const write = function (value, offset, byteLength) {
        checkLength(byteLength);
        const bits = 8 * byteLength;
        const min = signed ? -(2 ** (bits - 1)) : 0;
        const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
        if (typeof value !== 'number') throw host.invalidArgType('value', 'number', value);
        if (value < min || value > max) {
          // Node words the range by its bounds up to four bytes, as powers of two beyond.
          const range = byteLength <= 4
            ? `>= ${min} and <= ${max}`
            : signed ? `>= -(2 ** ${bits - 1}) and < 2 ** ${bits - 1}` : `>= 0 and < 2 ** ${bits}`;
          throw rangeError('value', range, shownNumber(value));
        }
        checkOffset(this, offset, byteLength);
        let v = value < 0 ? value + 2 ** bits : value;
        for (let i = 0; i < byteLength; i++) {
          this[offset + (little ? i : byteLength - 1 - i)] = v % 256;
          v = Math.floor(v / 256);
        }
        return offset + byteLength;
      };
      proto[`read${suffix}`] = read;
      proto[`write${suffix}`] = write;
      proto[`read${suffix.replace('UInt', 'Uint')}`] = read;
      proto[`write${suffix.replace('UInt', 'Uint')}`] = write;
    }
  }

  Object.assign(proto, {
    toString(encoding, start, end) {
      if (arguments.length === 0) return utf8Decode(this, 0, this.length);
      const length = this.length;
      start = start === undefined || start < 0 ? 0 : Math.trunc(start) || 0;
      if (start >= length) return '';
      end = end === undefined || end > length ? length : Math.trunc(end) || 0;
      if (end <= start) return '';
      // Only a missing encoding means UTF-8 here: `null` is an unknown one, as in Node.
      return decode(this, encoding === undefined ? 'utf8' : encoding === null ? 'null' : encoding, start, end);
    },
    toJSON() { return { type: 'Buffer', data: Array.from(this) }; },
    equals(other) {
      checkBytes('otherBuffer', other);
      return this.length === other.length && compareBytes(this, 0, this.length, other, 0, other.length) === 0;
    },
    compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
      checkBytes('target', target);
      targetStart = targetStart === undefined ? 0 : checkedOffset(targetStart, 'targetStart', kMaxLength);
      targetEnd = targetEnd === undefined ? target.length : checkedOffset(targetEnd, 'targetEnd', target.length);
      sourceStart = sourceStart === undefined ? 0 : checkedOffset(sourceStart, 'sourceStart', kMaxLength);
      sourceEnd = sourceEnd === undefined ? this.length : checkedOffset(sourceEnd, 'sourceEnd', this.length);
      if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
      if (targetStart >= targetEnd) return 1;
      return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
    },
    // Node's copy: positions are made whole numbers (anything else counts as 0), and the
    // count is cut to what the target has room for and what the source has.
    copy(target, targetStart, sourceStart, sourceEnd) {
      checkBytes('target', target);
      targetStart = targetStart === undefined ? 0 : toInteger(targetStart);
      if (targetStart < 0) throw rangeError('targetStart', '>= 0', targetStart);
      sourceStart = sourceStart === undefined ? 0 : toInteger(sourceStart);
      if (sourceStart < 0 || sourceStart > this.length) {
        throw rangeError('sourceStart', `>= 0 && <= ${this.length}`, sourceStart);
      }
      sourceEnd = sourceEnd === undefined ? this.length : toInteger(sourceEnd);
      if (sourceEnd < 0) throw rangeError('sourceEnd', '>= 0', sourceEnd);
      if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
      const count = Math.min(sourceEnd - sourceStart, target.length - targetStart, this.length - sourceStart);
      if (count <= 0) return 0;
      target.set(this.subarray(sourceStart, sourceStart + count), targetStart);
      return count;
    },
    slice(start, end) { return this.subarray(start, end); },
    subarray(start, end) {
      const v = Uint8Array.prototype.subarray.call(this, start, end);
      return new FastBuffer(v.buffer, v.byteOffset, v.length);
    },
    write(string, offset, length, encoding) {
      if (typeof string !== 'string') throw host.invalidArgType('argument', 'string', string);
      if (typeof offset === 'string') { encoding = offset; offset = 0; length = this.length; }
      else if (typeof length === 'string') { encoding = length; length = this.length - (offset || 0); }
      offset = offset === undefined ? 0 : offset;
      if (offset < 0 || offset > this.length) throw rangeError('offset', `>= 0 && <= ${this.length}`, offset);
      const room = Math.min(length === undefined ? Infinity : length, this.length - offset);
      const known = knownEncoding(encoding);
      let bytes = encode(string, known);
      if (bytes.length > room) {
        let n = room;
        // Node writes no part of a character that does not fit.
        if (known === 'utf8') while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
        else if (known === 'utf16le') n -= n % 2;
        bytes = bytes.slice(0, n);
      }
      this.set(bytes, offset);
      return bytes.length;
    },
    fill(value, offset = 0, end = this.length, encoding) {
      if (typeof offset === 'string') { encoding = offset; offset = 0; end = this.length; }
      else if (typeof end === 'string') { encoding = end; end = this.length; }
      if (offset < 0 || offset > this.length) throw rangeError('offset', `>= 0 && <= ${this.length}`, offset);
      if (end < 0 || end > this.length) throw rangeError('end', `>= 0 && <= ${this.length}`, end);
      const bytes = needleOf(value, encoding);
      if (bytes.length === 0) {
        if (typeof value === 'string' && value.length > 0) {
          const error = new TypeError(`The argument 'value' is invalid. Received '${value}'`);
          host.coded(error, 'ERR_INVALID_ARG_VALUE');
          throw error;
        }
        Uint8Array.prototype.fill.call(this, 0, offset, end);
        return this;
      }
      for (let i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
      return this;
    },
    indexOf(value, byteOffset, encoding) { return search(this, value, byteOffset, encoding, false); },
    lastIndexOf(value, byteOffset, encoding) { return search(this, value, byteOffset, encoding, true); },
    includes(value, byteOffset, encoding) { return search(this, value, byteOffset, encoding, false) !== -1; },
    swap16() { return swap(this, 2); },
    swap32() { return swap(this, 4); },
    swap64() { return swap(this, 8); },
    toLocaleString(encoding, start, end) { return this.toString(encoding, start, end); },
    [Symbol.for('nodejs.util.inspect.custom')](recurseTimes, ctx) {
      const max = inspectMaxBytes;
      let str = Array.from(this.subarray(0, Math.min(max, this.length)), (b) => b.toString(16).padStart(2, '0')).join(' ');
      const remaining = this.length - max;
      if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
      // The buffer's own properties follow its bytes, as Node shows them.
      if (ctx) {
        const obj = { __proto__: null };
        let extras = false;
        const keys = ctx.showHidden ? Reflect.ownKeys(this) : [...Object.keys(this), ...Object.getOwnPropertySymbols(this).filter((k) => Object.prototype.propertyIsEnumerable.call(this, k))];
        for (const key of keys) {
          if (typeof key === 'string' && /^(?:0|[1-9][0-9]*)$/.test(key)) continue;
          extras = true;
          obj[key] = this[key];
        }
        if (extras) {
          if (this.length !== 0) str += ', ';
          // What follows `[Object: null prototype] {` and comes before ` }`.
          str += host.inspect(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
        }
      }
      return `<${this.constructor.name} ${str}>`;
    },
  });
  Object.defineProperty(proto, 'parent', { get() { return this.buffer; }, enumerable: true, configurable: true });
  Object.defineProperty(proto, 'offset', { get() { return this.byteOffset; }, enumerable: true, configurable: true });

  function swap(buf, size) {
    if (buf.length % size !== 0) {
      const error = new RangeError(`Buffer size must be a multiple of ${size * 8}-bits`);
      host.coded(error, 'ERR_INVALID_BUFFER_SIZE');
      throw error;
    }
    for (let i = 0; i < buf.length; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) { const t = buf[a]; buf[a] = buf[b]; buf[b] = t; }
    }
    return buf;
  }

  // The deprecated SlowBuffer(size): an unpooled Buffer.
  function SlowBuffer(size) { return Buffer.allocUnsafeSlow(size); }
  SlowBuffer.prototype = FastBuffer.prototype;

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(str = '') { return new Uint8Array(utf8Encode(String(str))); }
  }
  class TextDecoder {
    constructor(label = 'utf-8') { this._label = label; }
    get encoding() { return 'utf-8'; }
    decode(bytes) { if (bytes === undefined) return ''; const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength); return utf8Decode(view); }
  }

  const constants = { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: 2 ** 29 - 24 };
  // The legacy base64 functions, as the buffer module exports them.
  const btoa = (data) => {
    const text = String(data);
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 255) {
        const error = new Error('Invalid character');
        error.name = 'InvalidCharacterError';
        throw error;
      }
    }
    return decode(fromBytes(encode(text, 'latin1')), 'base64', 0, text.length);
  };
  const atob = (data) => {
    const bytes = base64Decode(String(data).replace(/[\t\n\f\r ]/g, ''));
    return String.fromCharCode(...bytes);
  };
  const module = { Buffer, SlowBuffer, kMaxLength, kStringMaxLength: constants.MAX_STRING_LENGTH, constants, atob, btoa, isAscii, isUtf8 };
  // How many bytes util.inspect shows of a Buffer: settable, as in Node, to a number >= 0.
  Object.defineProperty(module, 'INSPECT_MAX_BYTES', {
    get: () => inspectMaxBytes,
    set(value) {
      if (typeof value !== 'number') throw host.invalidArgType('INSPECT_MAX_BYTES', 'number', value);
      if (!(value >= 0)) throw rangeError('INSPECT_MAX_BYTES', '>= 0', value);
      inspectMaxBytes = value;
    },
    enumerable: true,
    configurable: true,
  });
  // The bytes of what isAscii and isUtf8 accept: a buffer, a typed array or an ArrayBuffer
  // that a transfer has not detached.
  function bytesToValidate(input) {
    const buffer = ArrayBuffer.isView(input) ? input.buffer : input;
    if (!(buffer instanceof ArrayBuffer) && !(typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer)) {
      throw host.invalidArgType('input', 'an instance of ArrayBuffer, Buffer, or TypedArray', input);
    }
    if (host.detached.has(buffer)) throw host.coded(new Error('Cannot validate on a detached buffer'), 'ERR_INVALID_STATE');
    return ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : new Uint8Array(input);
  }
  function isAscii(input) {
    const bytes = bytesToValidate(input);
    for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
    return true;
  }
  // Well-formed UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
  function isUtf8(input) {
    const bytes = bytesToValidate(input);
    for (let i = 0; i < bytes.length;) {
      const b = bytes[i];
      if (b < 0x80) { i++; continue; }
      let need;
      let min;
      if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
      else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
      else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
      else return false;
      let code = b & (0x3f >> need);
      for (let k = 1; k <= need; k++) {
        const c = bytes[i + k];
        if (c === undefined || (c & 0xc0) !== 0x80) return false;
        code = (code << 6) | (c & 0x3f);
      }
      if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
      i += need + 1;
    }
    return true;
  }

  return {
    Buffer, SlowBuffer, TextEncoder, TextDecoder, utf8Decode, utf8Encode, encodingOf,
    module,
  };
})(globalThis.__codebox);
