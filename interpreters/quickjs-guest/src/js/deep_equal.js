// Node's deep equality (loose and strict), shared by `assert` and `util.isDeepStrictEqual`.
(function (host) {
  'use strict';

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
    else if (a instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && a instanceof SharedArrayBuffer)) {
      // Buffers are equal by their bytes.
      if (a.byteLength !== b.byteLength) return false;
      const x = new Uint8Array(a);
      const y = new Uint8Array(b);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    }
    else if (ArrayBuffer.isView(a)) {
      if (a.length !== b.length) return false;
      // Strict tells 0 from -0 and takes NaN for NaN; loose takes 0 for -0.
      const same = strict ? Object.is : (x, y) => x == y || (Number.isNaN(x) && Number.isNaN(y));
      for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    }
    else if (typeof a === 'object' && ['[object Number]', '[object String]', '[object Boolean]', '[object Symbol]', '[object BigInt]'].includes(tag)) {
      // A boxed primitive is compared by what it boxes; an object that only claims the tag (its
      // valueOf refuses it) is not equal to a real one.
      let same;
      try {
        same = Object.is(a.valueOf(), b.valueOf());
      } catch (_) {
        same = false;
      }
      if (!same) return false;
    }
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

  return deepEqual;
})(globalThis.__codebox);
