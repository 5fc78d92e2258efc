// How util.inspect writes primitives as Node 20 does: strings quoted and escaped (and split
// at line breaks when long), numbers and BigInts (with `numericSeparator`'s underscores).
(function (host) {
  'use strict';

  // The escapes of control characters, quotes and backslashes in a quoted string.
  const meta = [];
  for (let i = 0; i < 0x20; i++) meta[i] = `\\x${i.toString(16).toUpperCase().padStart(2, '0')}`;
  Object.assign(meta, { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\' });
  for (let i = 0x7f; i <= 0x9f; i++) meta[i] = `\\x${i.toString(16).toUpperCase()}`;

  function strEscape(str) {
    let quote = 39; // '
    if (str.includes("'")) {
      if (!str.includes('"')) quote = -2;
      else if (!str.includes('`') && !str.includes('${')) quote = -1;
    }
    let result = '';
    let last = 0;
    for (let i = 0; i < str.length; i++) {
      const point = str.charCodeAt(i);
      if (point === quote || point === 92 || point < 32 || (point > 126 && point < 160)) {
        result += str.slice(last, i) + meta[point];
        last = i + 1;
      } else if (point >= 0xd800 && point <= 0xdfff) {
        if (point <= 0xdbff && i + 1 < str.length) {
          const next = str.charCodeAt(i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
        }
        result += `${str.slice(last, i)}\\u${point.toString(16)}`;
        last = i + 1;
      }
    }
    if (last !== str.length) result += str.slice(last);
    const q = quote === -2 ? '"' : quote === -1 ? '`' : "'";
    return q + result + q;
  }

  // `numericSeparator`: underscores between groups of three digits, counted from the point
  // outwards (an integer's from its end, a fraction's from its start), as Node writes them.
  function groupInteger(digits) {
    const start = digits.startsWith('-') ? 1 : 0;
    let end = digits.length;
    let grouped = '';
    while (end >= start + 4) {
      grouped = `_${digits.slice(end - 3, end)}${grouped}`;
      end -= 3;
    }
    return digits.slice(0, end) + grouped;
  }
  function groupFraction(digits) {
    const groups = [];
    for (let i = 0; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
    // A last group shorter than three joins nothing: `1234` is `123_4`, as in Node.
    return groups.join('_');
  }
  function formatNumber(n, separate = false) {
    if (!separate) return Object.is(n, -0) ? '-0' : `${n}`;
    if (n < 0 && !Number.isInteger(n) && Number.isFinite(n)) return `-${formatNumber(-n, true)}`;
    const integer = Math.trunc(n);
    const text = String(integer);
    if (integer === n) return !Number.isFinite(n) || text.includes('e') ? text : groupInteger(text);
    if (Number.isNaN(n)) return text;
    const full = String(n);
    if (full.includes('e')) return full;
    return `${groupInteger(text)}.${groupFraction(full.slice(text.length + 1))}`;
  }
  const formatBigInt = (n, separate = false) => `${separate ? groupInteger(`${n}`) : n}n`;

  function formatPrimitive(value, ctx) {
    if (typeof value === 'string') {
      let trailer = '';
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength;
        value = value.slice(0, ctx.maxStringLength);
        trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
      }
      if (ctx.compact !== true && value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        return value.split(/(?<=\n)/).map((line) => strEscape(line)).join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
      }
      return strEscape(value) + trailer;
    }
    if (typeof value === 'number') return formatNumber(value, ctx.numericSeparator);
    if (typeof value === 'bigint') return formatBigInt(value, ctx.numericSeparator);
    if (typeof value === 'boolean') return `${value}`;
    if (typeof value === 'undefined') return 'undefined';
    return value.toString();
  }

  return { strEscape, formatNumber, formatBigInt, formatPrimitive, groupInteger };
})(globalThis.__codebox);
