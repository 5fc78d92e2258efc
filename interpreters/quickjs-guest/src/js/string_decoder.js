// The `string_decoder` module: bytes to text across chunk boundaries, for every encoding
// Node's has. A character split between two writes is held back until its last byte comes;
// `end()` gives what is still held as U+FFFD (UTF-8), or as the encoding spells a part
// (base64's padding, a lone UTF-16 byte dropped).
(function (host) {
  'use strict';

  const { Buffer } = host.internal('buffer');

  const ENCODINGS = {
    utf8: 'utf8', 'utf-8': 'utf8',
    ucs2: 'utf16le', 'ucs-2': 'utf16le', utf16le: 'utf16le', 'utf-16le': 'utf16le',
    latin1: 'latin1', binary: 'latin1',
    base64: 'base64', base64url: 'base64url',
    hex: 'hex', ascii: 'ascii',
  };

  function normalize(encoding) {
    if (encoding === undefined || encoding === null || encoding === '') return 'utf8';
    const found = ENCODINGS[String(encoding).toLowerCase()];
    if (found === undefined) {
      const error = new TypeError(`Unknown encoding: ${encoding}`);
      host.coded(error, 'ERR_UNKNOWN_ENCODING');
      throw error;
    }
    return found;
  }

  // How many bytes the UTF-8 sequence that `lead` starts needs, and the range its second byte
  // must fall in; 0 for a byte that cannot start a sequence.
  function utf8Need(lead) {
    if (lead < 0x80) return [1, 0x80, 0xbf];
    if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
    if (lead === 0xe0) return [3, 0xa0, 0xbf];
    if (lead === 0xed) return [3, 0x80, 0x9f];
    if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
    if (lead === 0xf0) return [4, 0x90, 0xbf];
    if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
    if (lead === 0xf4) return [4, 0x80, 0x8f];
    return [0, 0, 0];
  }

  // The start of an unfinished but so far valid UTF-8 sequence at the end of `bytes`, or -1.
  function utf8Incomplete(bytes) {
    for (let back = 1; back <= 3 && back <= bytes.length; back++) {
      const at = bytes.length - back;
      const byte = bytes[at];
      if (byte >= 0x80 && byte <= 0xbf) continue;
      const [need, low, high] = utf8Need(byte);
      if (need <= back) return -1;
      if (back >= 2 && (bytes[at + 1] < low || bytes[at + 1] > high)) return -1;
      return at;
    }
    return -1;
  }

  class StringDecoder {
    constructor(encoding) {
      this.encoding = normalize(encoding);
      this._held = Buffer.alloc(0);
    }

    // The bytes of a character still held back, as Node shows them (a 4-byte buffer).
    get lastChar() {
      const bytes = Buffer.alloc(4);
      this._held.copy(bytes);
      return bytes;
    }

    // How many more bytes the held character needs.
    get lastNeed() {
      if (this._held.length === 0) return 0;
      return this.lastTotal - this._held.length;
    }

    // How many bytes the held character has in all.
    get lastTotal() {
      if (this._held.length === 0) return 0;
      switch (this.encoding) {
        case 'utf8': return utf8Need(this._held[0])[0];
        case 'utf16le': return this._held.length >= 2 ? 4 : 2;
        default: return 3;
      }
    }

    write(buf) {
      if (typeof buf === 'string') return buf;
      if (!ArrayBuffer.isView(buf)) {
        throw host.invalidArgType('buf', 'an instance of Buffer, TypedArray, or DataView', buf);
      }
      const chunk = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
      const bytes = this._held.length > 0 ? Buffer.concat([this._held, chunk]) : chunk;
      const keep = this._complete(bytes);
      this._held = Buffer.from(bytes.subarray(keep));
      return bytes.toString(this.encoding, 0, keep);
    }

    end(buf) {
      let text = buf === undefined ? '' : this.write(buf);
      if (this._held.length > 0) {
        text += this._rest();
        this._held = Buffer.alloc(0);
      }
      return text;
    }

    // What is decodable now: Node's own decoder exposes this as `text(buf, offset)`.
    text(buf, offset) {
      this._held = Buffer.alloc(0);
      return this.write(buf.subarray(offset));
    }

    // How many of `bytes` decode now; the rest waits for more.
    _complete(bytes) {
      switch (this.encoding) {
        case 'utf8': {
          const at = utf8Incomplete(bytes);
          return at === -1 ? bytes.length : at;
        }
        case 'utf16le': {
          let end = bytes.length - (bytes.length % 2);
          // A high surrogate at the end waits for its low half.
          if (end >= 2) {
            const unit = bytes[end - 2] | (bytes[end - 1] << 8);
            if (unit >= 0xd800 && unit <= 0xdbff) end -= 2;
          }
          return end;
        }
        case 'base64':
        case 'base64url':
          return bytes.length - (bytes.length % 3);
        default:
          return bytes.length;
      }
    }

    // What `end()` makes of the bytes still held.
    _rest() {
      switch (this.encoding) {
        case 'utf8': return '\ufffd';
        case 'utf16le': return this._held.length >= 2
          ? this._held.toString('utf16le', 0, this._held.length - (this._held.length % 2)) : '';
        default: return this._held.toString(this.encoding);
      }
    }
  }

  return { StringDecoder };
})(globalThis.__codebox);
