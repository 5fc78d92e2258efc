// The source of a failed `assert(...)` or `assert.ok(...)` call, read back from the caller's
// file as Node quotes it in "The expression evaluated to a falsy value".
(function (host) {
  'use strict';

  // The frame that called `fn`: its file, line and column (in bytes, as QuickJS counts them).
  function callerOf(fn) {
    const { prepareStackTrace, stackTraceLimit } = Error;
    Error.prepareStackTrace = (_, frames) => frames;
    Error.stackTraceLimit = 1;
    const holder = {};
    try {
      Error.captureStackTrace(holder, fn);
      const frames = holder.stack;
      return Array.isArray(frames) && frames.length > 0 ? frames[0] : undefined;
    } finally {
      Error.prepareStackTrace = prepareStackTrace;
      Error.stackTraceLimit = stackTraceLimit;
    }
  }

  // Where the call whose name ends at `from` ends: after its balanced parentheses, skipping
  // strings, template literals, comments and regular expressions. -1 if it does not close.
  function callEnd(code, from) {
    let i = from;
    while (/[\s]/.test(code[i] || '')) i++;
    if (code[i] !== '(') return -1;
    let depth = 0;
    let last = '(';
    while (i < code.length) {
      const c = code[i];
      if (c === '"' || c === "'" || c === '`') {
        i = stringEnd(code, i);
      } else if (c === '/' && code[i + 1] === '/') {
        i = code.indexOf('\n', i);
        if (i === -1) return -1;
        continue;
      } else if (c === '/' && code[i + 1] === '*') {
        i = code.indexOf('*/', i + 2) + 1;
        if (i === 0) return -1;
      } else if (c === '/' && /[(,=:[!&|?{};+\-*%<>~^]/.test(last)) {
        i = regExpEnd(code, i);
      } else if (c === '(' || c === '[' || c === '{') {
        depth++;
      } else if (c === ')' || c === ']' || c === '}') {
        depth--;
        if (depth === 0) return i + 1;
      }
      if (i === -1) return -1;
      if (!/\s/.test(c)) last = code[i];
      i++;
    }
    return -1;
  }
  function stringEnd(code, i) {
    const quote = code[i];
    for (i++; i < code.length; i++) {
      if (code[i] === '\\') i++;
      else if (code[i] === quote) return i;
      else if (quote === '`' && code[i] === '$' && code[i + 1] === '{') {
        const end = callEnd(code, i + 1);
        if (end === -1) return -1;
        i = end - 1;
      }
    }
    return -1;
  }
  function regExpEnd(code, i) {
    let inClass = false;
    for (i++; i < code.length && code[i] !== '\n'; i++) {
      if (code[i] === '\\') i++;
      else if (code[i] === '[') inClass = true;
      else if (code[i] === ']') inClass = false;
      else if (code[i] === '/' && !inClass) return i;
    }
    return -1;
  }

  const keywords = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'typeof', 'await', 'new', 'void', 'delete', 'in', 'of', 'with']);
  // The calls (`name(...)` or `a.b.name(...)`) that start on the first line of `code`, each
  // with its callee and where it starts and ends.
  function callsOn(code) {
    const lineEnd = code.indexOf('\n') === -1 ? code.length : code.indexOf('\n');
    const name = /[\p{ID_Continue}$\u200c\u200d.]/u;
    const calls = [];
    let last = '(';
    for (let i = 0; i < lineEnd; i++) {
      const c = code[i];
      if (c === '"' || c === "'" || c === '`') {
        i = stringEnd(code, i);
      } else if (c === '/' && code[i + 1] === '/') {
        break;
      } else if (c === '/' && code[i + 1] === '*') {
        const close = code.indexOf('*/', i + 2);
        if (close === -1) break;
        i = close + 1;
      } else if (c === '/' && /[(,=:[!&|?{};+\-*%<>~^]/.test(last)) {
        i = regExpEnd(code, i);
      } else if (name.test(c) && c !== '.' && (i === 0 || !name.test(code[i - 1]))) {
        let nameEnd = i;
        while (nameEnd < code.length && name.test(code[nameEnd])) nameEnd++;
        const callee = code.slice(i, nameEnd).replace(/\.$/, '');
        const end = keywords.has(callee) ? -1 : callEnd(code, nameEnd);
        if (end !== -1) calls.push({ callee, start: i, end });
      }
      if (i < 0) break;
      if (!/\s/.test(c)) last = code[i];
    }
    return calls;
  }

  // The source of the failed `assert(...)` or `assert.ok(...)` call, as Node quotes it, or
  // undefined when the file cannot be read or the call not found.
  function falsyMessage(fn, isOk) {
    const site = callerOf(fn);
    if (site === undefined) return undefined;
    const file = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (typeof file !== 'string' || file.startsWith('node:') || !(line > 0) || !(column > 0)) return undefined;
    let source;
    try {
      source = host.readFile(file);
    } catch (_) {
      return undefined;
    }
    let lineStart = 0;
    for (let n = 1; n < line; n++) {
      lineStart = source.indexOf('\n', lineStart) + 1;
      if (lineStart === 0) return undefined;
    }
    const code = source.slice(lineStart);
    // The column counts UTF-8 bytes; find the character it falls on.
    let offset = 0;
    for (let bytes = 1; bytes < column && offset < code.length; offset++) {
      const unit = code.charCodeAt(offset);
      bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : unit >= 0xd800 && unit < 0xdc00 ? (offset++, 4) : 3;
    }
    // The column is on the called name: the call is the innermost one on this line that holds
    // it and that `fn` can be (`ok`, when isOk, is called as `x.ok`, assert as anything else).
    const calls = callsOn(code).filter((c) => isOk === /(^|\.)ok$/.test(c.callee));
    let call;
    for (const candidate of calls) {
      if (candidate.start <= offset && offset < candidate.end) call = candidate;
    }
    if (call === undefined) return undefined;
    const { start, end } = call;
    let message = code.slice(start, end).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (message.includes('\n')) {
      // Later lines lose the indentation the call's first line had.
      const [first, ...others] = message.replace(/\r\n/g, '\n').split('\n');
      message = first;
      for (const other of others) {
        let pos = 0;
        while (pos < start && (other[pos] === ' ' || other[pos] === '\t')) pos++;
        message += `\n  ${other.slice(pos)}`;
      }
    }
    return `The expression evaluated to a falsy value:\n\n  ${message}\n`;
  }

  return { falsyMessage };
})(globalThis.__codebox);
