// The `string_decoder` module: bytes to text across chunk boundaries, for every encoding
// Node's has. A character split between two writes is held back until its last byte comes;
// `end()` decodes what is still held (U+FFFD for an unfinished UTF-8 sequence, base64 with
// its padding, a lone UTF-16 byte dropped). Writes give out what Node's decoder gives out,
// chunk by chunk, with its lastNeed and lastTotal.
(function (host) {
  'use strict';

  const { Buffer, encodingOf } = host.internal('buffer');

  // The encoding's canonical name, as Buffer names it; the empty string is UTF-8 here too.
  function normalize(encoding) {
    const found = encoding === '' ? 'utf8' : encodingOf(encoding);
    if (found === undefined) {
      const error = new TypeError(`Unknown encoding: ${encoding}`);
      host.coded(error, 'ERR_UNKNOWN_ENCODING');
      throw error;
    }
    return found;
  }

  // How many bytes a UTF-8 sequence starting with `byte` has, by its bit pattern alone, as
  // Node's decoder reads it: 1 for ASCII, 2 to 4 for a lead byte, -1 for a continuation byte
  // and -2 for a byte that can be neither.
  function utf8Length(byte) {
    if (byte <= 0x7f) return 1;
    if (byte >> 5 === 0x06) return 2;
    if (byte >> 4 === 0x0e) return 3;
    if (byte >> 3 === 0x1e) return 4;
    return byte >> 6 === 0x02 ? -1 : -2;
  }

  // Where an unfinished sequence at the end of `bytes` starts (a lead byte among the last
  // three that wants more bytes than follow it), or -1. What it holds is decoded with the next
  // bytes, and V8's decoder decides then what is valid.
  function utf8Incomplete(bytes) {
    for (let back = 1; back <= 3 && back <= bytes.length; back++) {
      const length = utf8Length(bytes[bytes.length - back]);
      if (length === -1) continue;
      if (length <= back) return -1;
      // A two-byte lead three bytes back has what it needs already.
      return bytes.length - back;
    }
    return -1;
  }

  // What each decoder holds back, kept outside it: Node's decoder works on any object it is
  // called with (`StringDecoder.call(obj)`), and its methods refuse anything else.
  const held = new WeakMap();
  // For UTF-16: how many bytes the held character has in all (2, or 4 for a surrogate pair).
  const utf16Total = new WeakMap();
  function heldOf(decoder) {
    const bytes = held.get(decoder);
    if (bytes === undefined) {
      throw host.coded(new TypeError('Value of "this" must be of type StringDecoder'), 'ERR_INVALID_THIS');
    }
    return bytes;
  }

  function StringDecoder(encoding) {
    if (!new.target && (this === undefined || this === globalThis)) return new StringDecoder(encoding);
    this.encoding = normalize(encoding);
    held.set(this, Buffer.alloc(0));
  }

  Object.defineProperties(StringDecoder.prototype, {
    // The bytes of a character still held back, as Node shows them (a 4-byte buffer).
    lastChar: {
      get() {
        const bytes = Buffer.alloc(4);
        heldOf(this).copy(bytes);
        return bytes;
      },
      configurable: true,
    },
    // How many more bytes the held character needs.
    lastNeed: {
      get() {
        const bytes = heldOf(this);
        return bytes.length === 0 ? 0 : this.lastTotal - bytes.length;
      },
      configurable: true,
    },
    // How many bytes the held character has in all.
    lastTotal: {
      get() {
        const bytes = heldOf(this);
        if (bytes.length === 0) return 0;
        switch (this.encoding) {
          case 'utf8': return utf8Length(bytes[0]);
          case 'utf16le': return utf16Total.get(this) || 2;
          default: return 3;
        }
      },
      configurable: true,
    },
  });

  StringDecoder.prototype.write = function write(buf) {
    const before = heldOf(this);
    if (typeof buf === 'string') return buf;
    if (!ArrayBuffer.isView(buf)) {
      throw host.invalidArgType('buf', 'an instance of Buffer, TypedArray, or DataView', buf);
    }
    const chunk = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    if (this.encoding === 'utf16le') return utf16Write(this, before, chunk);
    const bytes = before.length > 0 ? Buffer.concat([before, chunk]) : chunk;
    const keep = completeLength(this.encoding, bytes);
    held.set(this, Buffer.from(bytes.subarray(keep)));
    return bytes.toString(this.encoding, 0, keep);
  };

  StringDecoder.prototype.end = function end(buf) {
    let text = buf === undefined ? '' : this.write(buf);
    const rest = heldOf(this);
    if (rest.length > 0) {
      text += restText(this.encoding, rest);
      held.set(this, Buffer.alloc(0));
    }
    return text;
  };

  // What is decodable now: Node's own decoder exposes this as `text(buf, offset)`.
  StringDecoder.prototype.text = function text(buf, offset) {
    heldOf(this);
    held.set(this, Buffer.alloc(0));
    return this.write(buf.subarray(offset));
  };

  // UTF-16 as Node decodes it: a held character is completed first and given out as it is
  // (a lone high surrogate included); then, of what follows, an odd last byte is held, or else
  // a high surrogate at the end.
  function utf16Write(decoder, before, chunk) {
    let out = '';
    let start = 0;
    if (before.length > 0) {
      const need = (utf16Total.get(decoder) || 2) - before.length;
      if (chunk.length < need) {
        held.set(decoder, Buffer.concat([before, chunk]));
        return '';
      }
      out = Buffer.concat([before, chunk.subarray(0, need)]).toString('utf16le');
      held.set(decoder, Buffer.alloc(0));
      start = need;
    }
    const rest = chunk.subarray(start);
    if (rest.length === 0) return out;
    if (rest.length % 2 === 1) {
      held.set(decoder, Buffer.from(rest.subarray(rest.length - 1)));
      utf16Total.set(decoder, 2);
      return out + rest.toString('utf16le', 0, rest.length - 1);
    }
    const text = rest.toString('utf16le');
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      held.set(decoder, Buffer.from(rest.subarray(rest.length - 2)));
      utf16Total.set(decoder, 4);
      return out + text.slice(0, -1);
    }
    return out + text;
  }

  // How many of `bytes` decode now; the rest waits for more.
  function completeLength(encoding, bytes) {
    switch (encoding) {
      case 'utf8': {
        const at = utf8Incomplete(bytes);
        return at === -1 ? bytes.length : at;
      }
      case 'base64':
      case 'base64url':
        return bytes.length - (bytes.length % 3);
      default:
        return bytes.length;
    }
  }

  // What `end()` makes of the bytes still held.
  function restText(encoding, bytes) {
    switch (encoding) {
      case 'utf8': return bytes.toString('utf8');
      case 'utf16le': return bytes.toString('utf16le');
      default: return bytes.toString(encoding);
    }
  }

  return { StringDecoder };
})(globalThis.__codebox);
