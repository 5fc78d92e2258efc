// util.format and util.formatWithOptions as Node 20 has them: the printf-like directives
// (%s %d %i %f %j %o %O %c %%), then the remaining arguments inspected and joined by spaces.
(function (host) {
  'use strict';

  const { inspect } = host.internal('inspect');
  const { formatNumber, formatBigInt } = host.internal('primitives');
  const builtInObjects = new Set(Object.getOwnPropertyNames(globalThis).filter((e) => /^[A-Z][a-zA-Z0-9]+$/.test(e)));

  function hasBuiltInToString(value) {
    if (typeof value.toString !== 'function') return true;
    if (Object.prototype.hasOwnProperty.call(value, 'toString')) return false;
    let pointer = value;
    do {
      pointer = Object.getPrototypeOf(pointer);
    } while (pointer !== null && !Object.prototype.hasOwnProperty.call(pointer, 'toString'));
    if (pointer === null) return true;
    const descriptor = Object.getOwnPropertyDescriptor(pointer, 'constructor');
    return descriptor !== undefined && typeof descriptor.value === 'function' && builtInObjects.has(descriptor.value.name);
  }

  function tryStringify(arg) {
    try {
      return JSON.stringify(arg);
    } catch (err) {
      if (err instanceof TypeError && /circular/i.test(err.message)) return '[Circular]';
      throw err;
    }
  }

  function formatWithOptions(inspectOptions, ...args) {
    const first = args[0];
    let a = 0;
    let str = '';
    let join = '';
    // As Node: the options' numericSeparator, else util.inspect.defaultOptions'.
    const separate = Boolean(inspectOptions && inspectOptions.numericSeparator !== undefined
      ? inspectOptions.numericSeparator
      : inspect.defaultOptions.numericSeparator);
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let tempStr;
      let lastPos = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) === 37) {
          const nextChar = first.charCodeAt(++i);
          if (a + 1 !== args.length) {
            switch (nextChar) {
              case 115: { // 's'
                const tempArg = args[++a];
                if (typeof tempArg === 'number') tempStr = formatNumber(tempArg, separate);
                else if (typeof tempArg === 'bigint') tempStr = formatBigInt(tempArg, separate);
                else if (typeof tempArg !== 'object' || tempArg === null || !hasBuiltInToString(tempArg)) tempStr = String(tempArg);
                else tempStr = inspect(tempArg, { ...inspectOptions, depth: 0, colors: false, compact: 3 });
                break;
              }
              case 106: tempStr = tryStringify(args[++a]); break; // 'j'
              case 100: { // 'd'
                const tempNum = args[++a];
                if (typeof tempNum === 'bigint') tempStr = formatBigInt(tempNum, separate);
                else if (typeof tempNum === 'symbol') tempStr = 'NaN';
                else tempStr = formatNumber(Number(tempNum), separate);
                break;
              }
              case 79: tempStr = inspect(args[++a], inspectOptions); break; // 'O'
              case 111: tempStr = inspect(args[++a], { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 }); break; // 'o'
              case 105: { // 'i'
                const tempInteger = args[++a];
                if (typeof tempInteger === 'bigint') tempStr = formatBigInt(tempInteger, separate);
                else if (typeof tempInteger === 'symbol') tempStr = 'NaN';
                else tempStr = formatNumber(Number.parseInt(tempInteger), separate);
                break;
              }
              case 102: { // 'f'
                const tempFloat = args[++a];
                tempStr = typeof tempFloat === 'symbol' ? 'NaN' : formatNumber(Number.parseFloat(tempFloat));
                break;
              }
              case 99: a += 1; tempStr = ''; break; // 'c'
              case 37: str += first.slice(lastPos, i); lastPos = i + 1; continue; // '%'
              default: continue;
            }
            if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
            str += tempStr;
            lastPos = i + 1;
          } else if (nextChar === 37) {
            str += first.slice(lastPos, i);
            lastPos = i + 1;
          }
        }
      }
      if (lastPos !== 0) {
        a++;
        join = ' ';
        if (lastPos < first.length) str += first.slice(lastPos);
      }
    }
    while (a < args.length) {
      const value = args[a];
      str += join;
      str += typeof value !== 'string' ? inspect(value, inspectOptions) : value;
      join = ' ';
      a++;
    }
    return str;
  }

  return { formatWithOptions };
})(globalThis.__codebox);
