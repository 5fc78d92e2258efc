// util.inspect and util.format, following Node 20's algorithm (lib/internal/util/inspect.js):
// the same defaults (depth 2, breakLength 80, compact 3, maxArrayLength 100), the same
// single-line test, the same grouping of long arrays into columns, the same quoting. Colors,
// showHidden and custom inspectors beyond `[util.inspect.custom]` are left out.
(function (host) {
  'use strict';

  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const defaults = { depth: 2, breakLength: 80, compact: 3, maxArrayLength: 100, maxStringLength: 10000, sorted: false, getters: false, numericSeparator: false };
  const kObjectType = 0;
  const kArrayType = 1;
  const kArrayExtrasType = 2;
  const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const numberRegExp = /^(0|[1-9][0-9]*)$/;
  const builtInObjects = new Set(Object.getOwnPropertyNames(globalThis).filter((e) => /^[A-Z][a-zA-Z0-9]+$/.test(e)));

  // ---- strings ----

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

  // ---- classification ----

  const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  const typedArrayTag = Object.getOwnPropertyDescriptor(typedArrayProto, Symbol.toStringTag).get;
  const isTypedArray = (v) => typedArrayTag.call(v) !== undefined;
  const is = (v, C) => { try { return v instanceof C; } catch (_) { return false; } };
  const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);
  const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
  const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
  const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;

  function isError(v) {
    return is(v, Error) || tagOf(v) === 'Error';
  }

  function getConstructorName(obj, ctx, recurseTimes) {
    let firstProto;
    const tmp = obj;
    while (obj) {
      const descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== '' && is(tmp, descriptor.value)) {
        return String(descriptor.value.name);
      }
      obj = Object.getPrototypeOf(obj);
      if (firstProto === undefined) firstProto = obj;
    }
    if (firstProto === null) return null;
    const res = tagOf(tmp);
    if (recurseTimes > ctx.depth && ctx.depth !== null) return `${res} <Complex prototype>`;
    const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1);
    if (protoConstr === null) return `${res} <[Object: null prototype] {}>`;
    return `${res} <${protoConstr}>`;
  }

  function getPrefix(constructor, tag, fallback, size = '') {
    if (constructor === null) {
      if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
    return `${constructor}${size} `;
  }

  function getKeys(value, showHidden) {
    if (showHidden) {
      // V8 lists these own properties of sloppy functions; QuickJS keeps them on the prototype.
      const names = Object.getOwnPropertyNames(value).filter((k) => k !== 'prototype' || typeof value !== 'function' || Object.getOwnPropertyDescriptor(value, k).writable);
      return [...names, ...Object.getOwnPropertySymbols(value)];
    }
    const keys = Object.keys(value);
    for (const symbol of Object.getOwnPropertySymbols(value)) {
      if (Object.prototype.propertyIsEnumerable.call(value, symbol)) keys.push(symbol);
    }
    return keys;
  }

  function getOwnNonIndexProperties(value, showHidden) {
    return getKeys(value, showHidden).filter((k) => typeof k === 'symbol' || !numberRegExp.test(k) || Number(k) >= 2 ** 32 - 1);
  }

  function getFunctionBase(value, constructor, tag) {
    const stringified = Function.prototype.toString.call(value);
    if (stringified.startsWith('class') && stringified.endsWith('}')) {
      const slice = stringified.slice(5, -1);
      const bracketIndex = slice.indexOf('{');
      if (bracketIndex !== -1 && !slice.slice(0, bracketIndex).includes('(')) {
        return getClassBase(value, constructor, tag);
      }
    }
    let type = 'Function';
    if (is(value, GeneratorFunction)) type = `Generator${type}`;
    if (is(value, AsyncGeneratorFunction)) type = `AsyncGenerator${type.replace('Generator', '')}`;
    else if (is(value, AsyncFunction)) type = `Async${type}`;
    let base = `[${type}`;
    if (constructor === null) base += ' (null prototype)';
    if (value.name === '') base += ' (anonymous)';
    else base += `: ${value.name}`;
    base += ']';
    if (constructor !== type && constructor !== null) base += ` ${constructor}`;
    if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
    return base;
  }

  function getClassBase(value, constructor, tag) {
    const hasName = Object.prototype.hasOwnProperty.call(value, 'name');
    const name = (hasName && value.name) || '(anonymous)';
    let base = `class ${name}`;
    if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
    if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
    if (constructor !== null) {
      const superName = Object.getPrototypeOf(value).name;
      if (superName) base += ` extends ${superName}`;
    } else {
      base += ' extends [null prototype]';
    }
    return `[${base}]`;
  }

  function errorStack(err) {
    const head = err.message ? `${err.name === undefined ? 'Error' : err.name}: ${err.message}` : `${err.name === undefined ? 'Error' : err.name}`;
    const frames = typeof err.stack === 'string' ? err.stack.replace(/\n+$/, '') : '';
    if (frames === '') return head;
    if (!/^\s+at /.test(frames)) return frames;
    return `${head}\n${frames}`;
  }

  function formatError(err, constructor, tag, ctx, keys) {
    const name = err.name != null ? String(err.name) : 'Error';
    let stack = errorStack(err);
    for (const key of ['name', 'message', 'stack']) {
      const index = keys.indexOf(key);
      if (index !== -1 && (typeof err[key] !== 'string' || stack.includes(err[key]))) keys.splice(index, 1);
    }
    if ('cause' in err && !keys.includes('cause')) keys.push('cause');
    if (constructor === null || (name.endsWith('Error') && stack.startsWith(name) && (stack.length === name.length || stack[name.length] === ':' || stack[name.length] === '\n'))) {
      let fallback = 'Error';
      if (constructor === null) {
        const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
        fallback = (start && start[1]) || '';
        stack = `[${fallback}: null prototype]${stack.slice(fallback.length)}`;
      } else if (constructor !== name && !constructor.includes(name) && !name.includes(constructor)) {
        stack = `${constructor} [${name}]${stack.slice(name.length)}`;
      }
    }
    let pos = (err.message && stack.indexOf(err.message)) || -1;
    if (pos !== -1) pos += err.message.length;
    const stackStart = stack.indexOf('\n    at', pos);
    if (stackStart === -1) stack = `[${stack}]`;
    if (ctx.indentationLvl !== 0) stack = stack.replace(/\n/g, `\n${' '.repeat(ctx.indentationLvl)}`);
    return stack;
  }

  function getBoxedBase(value, ctx, keys, constructor, tag) {
    let type, primitive;
    if (is(value, Number) || tagOf(value) === 'Number') { type = 'Number'; primitive = formatNumber(Number.prototype.valueOf.call(value)); }
    else if (is(value, String) || tagOf(value) === 'String') {
      type = 'String';
      const s = String.prototype.valueOf.call(value);
      primitive = strEscape(s);
      keys.splice(0, s.length);
    } else if (is(value, Boolean) || tagOf(value) === 'Boolean') { type = 'Boolean'; primitive = `${Boolean.prototype.valueOf.call(value)}`; }
    else if (is(value, BigInt)) { type = 'BigInt'; primitive = formatBigInt(BigInt.prototype.valueOf.call(value)); }
    else { type = 'Symbol'; primitive = Symbol.prototype.toString.call(Symbol.prototype.valueOf.call(value)); }
    let base = `[${type}`;
    if (type !== constructor) base += constructor === null ? ' (null prototype)' : ` (${constructor})`;
    base += `: ${primitive}]`;
    if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
    if (keys.length !== 0 || ctx.stylize === undefined) return base;
    return base;
  }

  function isBoxedPrimitive(v) {
    const t = tagOf(v);
    return (t === 'Number' || t === 'String' || t === 'Boolean' || t === 'Symbol' || t === 'BigInt') && typeof v === 'object';
  }

  // ---- formatting ----

  function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value, ctx);
    if (value === null) return 'null';
    const maybeCustom = value[customInspect];
    if (typeof maybeCustom === 'function' && maybeCustom !== inspect) {
      const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      const ret = maybeCustom.call(value, depth, { ...ctx, stylize: (s) => s }, inspect);
      if (ret !== value) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret.replace(/\n/g, `\n${' '.repeat(ctx.indentationLvl)}`);
      }
    }
    if (ctx.seen.includes(value)) {
      let index = 1;
      if (ctx.circular === undefined) {
        ctx.circular = new Map();
        ctx.circular.set(value, index);
      } else {
        index = ctx.circular.get(value);
        if (index === undefined) {
          index = ctx.circular.size + 1;
          ctx.circular.set(value, index);
        }
      }
      return `[Circular *${index}]`;
    }
    return formatRaw(ctx, value, recurseTimes, typedArray);
  }

  function formatRaw(ctx, value, recurseTimes, typedArray) {
    let keys;
    const constructor = getConstructorName(value, ctx, recurseTimes);
    let tag = value[Symbol.toStringTag];
    if (typeof tag !== 'string' || (tag !== '' && Object.prototype.propertyIsEnumerable.call(value, Symbol.toStringTag))) tag = '';
    let base = '';
    let formatter = () => [];
    let braces;
    let noIterator = true;
    let extrasType = kObjectType;

    if (Symbol.iterator in value || constructor === null) {
      noIterator = false;
      if (Array.isArray(value)) {
        const prefix = constructor !== 'Array' || tag !== '' ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
        keys = getOwnNonIndexProperties(value, ctx.showHidden);
        braces = [`${prefix}[`, ']'];
        if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
        extrasType = kArrayExtrasType;
        formatter = formatArray;
      } else if (is(value, Set)) {
        const size = value.size;
        const prefix = getPrefix(constructor, tag, 'Set', `(${size})`);
        keys = getKeys(value, ctx.showHidden);
        formatter = formatSet;
        if (size === 0 && keys.length === 0) return `${prefix}{}`;
        braces = [`${prefix}{`, '}'];
      } else if (is(value, Map)) {
        const size = value.size;
        const prefix = getPrefix(constructor, tag, 'Map', `(${size})`);
        keys = getKeys(value, ctx.showHidden);
        formatter = formatMap;
        if (size === 0 && keys.length === 0) return `${prefix}{}`;
        braces = [`${prefix}{`, '}'];
      } else if (isTypedArray(value)) {
        keys = getOwnNonIndexProperties(value, ctx.showHidden);
        const size = value.length;
        const fallback = typedArrayTag.call(value);
        const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
        braces = [`${prefix}[`, ']'];
        if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
        formatter = formatTypedArray;
        extrasType = kArrayExtrasType;
      } else if (tag === 'Map Iterator' || tag === 'Set Iterator') {
        keys = getKeys(value, ctx.showHidden);
        const source = iteratorSources.get(value);
        const entries = source !== undefined && source.kind === 'entries';
        braces = [`[${entries ? tag.replace('Iterator', 'Entries') : tag}] {`, '}'];
        formatter = formatIterator;
      } else {
        noIterator = true;
      }
    }
    if (noIterator) {
      keys = getKeys(value, ctx.showHidden);
      braces = ['{', '}'];
      if (typeof value === 'function') {
        base = getFunctionBase(value, constructor, tag);
        if (keys.length === 0) return base;
      } else if (constructor === 'Object') {
        if (tagOf(value) === 'Arguments') braces[0] = '[Arguments] [';
        else if (tag !== '') braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
        if (keys.length === 0) return `${braces[0]}}`;
        if (braces[0] === '[Arguments] [') { braces[1] = ']'; extrasType = kArrayExtrasType; formatter = formatArguments; keys = []; }
      } else if (is(value, RegExp) || tagOf(value) === 'RegExp') {
        base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value));
        const prefix = getPrefix(constructor, tag, 'RegExp');
        if (prefix !== 'RegExp ') base = `${prefix}${base}`;
        if (keys.length === 0 || (recurseTimes > ctx.depth && ctx.depth !== null)) return base;
      } else if (is(value, Date) || tagOf(value) === 'Date') {
        const time = Date.prototype.getTime.call(value);
        base = Number.isNaN(time) ? 'Invalid Date' : Date.prototype.toISOString.call(value);
        const prefix = getPrefix(constructor, tag, 'Date');
        if (prefix !== 'Date ') base = `${prefix}${base}`;
        if (keys.length === 0) return base;
      } else if (isError(value)) {
        base = formatError(value, constructor, tag, ctx, keys);
        if (keys.length === 0) return base;
      } else if (is(value, ArrayBuffer)) {
        keys = getKeys(value, ctx.showHidden);
        braces[0] = `${getPrefix(constructor, tag, 'ArrayBuffer')}{`;
        formatter = formatArrayBuffer;
      } else if (is(value, Promise)) {
        braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
        formatter = formatPromise;
      } else if (is(value, WeakSet)) {
        braces[0] = `${getPrefix(constructor, tag, 'WeakSet')}{`;
        formatter = () => ['<items unknown>'];
      } else if (is(value, WeakMap)) {
        braces[0] = `${getPrefix(constructor, tag, 'WeakMap')}{`;
        formatter = () => ['<items unknown>'];
      } else if (tagOf(value) === 'Module') {
        braces[0] = `${getPrefix(constructor, tag, 'Module')}{`;
        keys = Object.getOwnPropertyNames(value);
      } else if (isBoxedPrimitive(value)) {
        base = getBoxedBase(value, ctx, keys, constructor, tag);
        if (keys.length === 0) return base;
      } else {
        if (keys.length === 0) return `${getPrefix(constructor, tag, 'Object')}{}`;
        braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
      }
    }

    if (recurseTimes > ctx.depth && ctx.depth !== null) {
      let constructorName = getPrefix(constructor, tag, 'Object').slice(0, -1);
      if (constructor !== null) constructorName = `[${constructorName}]`;
      return constructorName;
    }
    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    let output;
    try {
      output = formatter(ctx, value, recurseTimes);
      for (let i = 0; i < keys.length; i++) output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
    } finally {
      ctx.seen.pop();
    }
    if (ctx.circular !== undefined) {
      const index = ctx.circular.get(value);
      if (index !== undefined) {
        const reference = `<ref *${index}>`;
        base = base === '' ? reference : `${reference} ${base}`;
      }
    }
    if (ctx.sorted) {
      const comparator = ctx.sorted === true ? undefined : ctx.sorted;
      if (extrasType === kObjectType) output = output.sort(comparator);
    }
    return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  }

  function formatArray(ctx, value, recurseTimes) {
    const valLen = value.length;
    const len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
    const remaining = valLen - len;
    const output = [];
    for (let i = 0; i < len; i++) {
      if (!Object.prototype.hasOwnProperty.call(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
      output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
    }
    if (remaining > 0) output.push(remainingText(remaining));
    return output;
  }

  function formatArguments(ctx, value, recurseTimes) {
    return formatArray(ctx, value, recurseTimes);
  }

  const remainingText = (remaining) => `... ${remaining} more item${remaining > 1 ? 's' : ''}`;

  function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
    const keys = Object.keys(value);
    let index = i;
    for (; i < keys.length && output.length < maxLength; i++) {
      const key = keys[i];
      const tmp = +key;
      if (tmp > 2 ** 32 - 2) break;
      if (`${index}` !== key) {
        if (!numberRegExp.test(key)) break;
        const emptyItems = tmp - index;
        output.push(`<${emptyItems} empty item${emptyItems > 1 ? 's' : ''}>`);
        index = tmp;
        if (output.length === maxLength) break;
      }
      output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
      index++;
    }
    const remaining = value.length - index;
    if (output.length !== maxLength) {
      if (remaining > 0) output.push(`<${remaining} empty item${remaining > 1 ? 's' : ''}>`);
    } else if (remaining > 0) {
      output.push(remainingText(remaining));
    }
    return output;
  }

  function formatTypedArray(ctx, value) {
    const length = value.length;
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output = [];
    const elementFormatter = length > 0 && typeof value[0] === 'number' ? formatNumber : formatBigInt;
    for (let i = 0; i < maxLength; ++i) output.push(elementFormatter(value[i], ctx.numericSeparator));
    if (remaining > 0) output.push(remainingText(remaining));
    return output;
  }

  function formatArrayBuffer(ctx, value) {
    const bytes = new Uint8Array(value);
    let str = Array.from(bytes.slice(0, Math.min(ctx.maxArrayLength, bytes.length)), (b) => b.toString(16).padStart(2, '0')).join(' ');
    const remaining = bytes.length - ctx.maxArrayLength;
    if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
    return [`[Uint8Contents]: <${str}>`, `byteLength: ${formatValue(ctx, value.byteLength, 0)}`];
  }

  function formatSet(ctx, value, recurseTimes) {
    const length = value.size;
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output = [];
    ctx.indentationLvl += 2;
    let i = 0;
    for (const v of value) {
      if (i >= maxLength) break;
      output.push(formatValue(ctx, v, recurseTimes));
      i++;
    }
    if (remaining > 0) output.push(remainingText(remaining));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatMap(ctx, value, recurseTimes) {
    const length = value.size;
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const remaining = length - maxLength;
    const output = [];
    ctx.indentationLvl += 2;
    let i = 0;
    for (const [k, v] of value) {
      if (i >= maxLength) break;
      output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
      i++;
    }
    if (remaining > 0) output.push(remainingText(remaining));
    ctx.indentationLvl -= 2;
    return output;
  }

  const iteratorSources = host.iteratorSources;

  function formatIterator(ctx, value, recurseTimes) {
    const info = iteratorSources.get(value);
    if (info === undefined) return ['<items unknown>'];
    const isMap = info.source instanceof Map;
    const items = [];
    for (const entry of isMap ? Map.prototype.entries.call(info.source) : Set.prototype.values.call(info.source)) {
      const [k, v] = isMap ? entry : [entry, entry];
      items.push(info.kind === 'entries' ? [k, v] : info.kind === 'keys' ? k : isMap ? v : k);
    }
    const maxLength = Math.min(ctx.maxArrayLength, items.length);
    const output = [];
    ctx.indentationLvl += 2;
    for (let i = 0; i < maxLength; i++) {
      if (info.kind === 'entries') {
        const pair = [formatValue(ctx, items[i][0], recurseTimes), formatValue(ctx, items[i][1], recurseTimes)];
        output.push(reduceToSingleString(ctx, pair, '', ['[', ']'], kArrayExtrasType, recurseTimes));
      } else {
        output.push(formatValue(ctx, items[i], recurseTimes));
      }
    }
    ctx.indentationLvl -= 2;
    if (items.length > maxLength) output.push(remainingText(items.length - maxLength));
    return output;
  }

  function formatPromise(ctx, value, recurseTimes) {
    const [state, result] = host.promiseState(value);
    if (state === 'pending') return ['<pending>'];
    ctx.indentationLvl += 2;
    const str = formatValue(ctx, result, recurseTimes);
    ctx.indentationLvl -= 2;
    return [state === 'rejected' ? `<rejected> ${str}` : str];
  }

  function formatProperty(ctx, value, recurseTimes, key, type) {
    let name, str;
    let extra = ' ';
    const desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
    if (desc.value !== undefined) {
      const diff = ctx.compact !== true || type !== kObjectType ? 2 : 3;
      ctx.indentationLvl += diff;
      str = formatValue(ctx, desc.value, recurseTimes);
      if (diff === 3 && ctx.breakLength < stringWidth(str)) extra = `\n${' '.repeat(ctx.indentationLvl)}`;
      ctx.indentationLvl -= diff;
    } else if (desc.get !== undefined) {
      const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
      if (ctx.getters) {
        try {
          const tmp = desc.get.call(value);
          ctx.indentationLvl += 2;
          str = `[${label}: ${formatValue(ctx, tmp, recurseTimes)}]`;
          ctx.indentationLvl -= 2;
        } catch (err) {
          str = `[${label}: <Inspection threw (${err.message})>]`;
        }
      } else {
        str = `[${label}]`;
      }
    } else if (desc.set !== undefined) {
      str = '[Setter]';
    } else {
      str = 'undefined';
    }
    if (type === kArrayType) return str;
    if (typeof key === 'symbol') name = `[${key.toString()}]`;
    else if (key === '__proto__') name = "['__proto__']";
    else if (desc.enumerable === false) name = `[${key}]`;
    else if (keyStrRegExp.test(key)) name = key;
    else name = strEscape(key);
    return `${name}:${extra}${str}`;
  }

  function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    let i = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) outputLength--;
    const separatorSpace = 2;
    const dataLen = new Array(outputLength);
    for (; i < outputLength; i++) {
      const len = stringWidth(output[i]);
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
      const approxCharHeights = 2.5;
      const averageBias = Math.sqrt(actualMax - totalLength / output.length);
      const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
      const columns = Math.min(
        Math.round(Math.sqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
        Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15,
      );
      if (columns <= 1) return output;
      const tmp = [];
      const maxLineLength = [];
      for (let i = 0; i < columns; i++) {
        let lineLength = 0;
        for (let j = i; j < output.length; j += columns) {
          if (dataLen[j] > lineLength) lineLength = dataLen[j];
        }
        maxLineLength.push(lineLength + separatorSpace);
      }
      let padStart = true;
      if (value !== undefined) {
        for (let i = 0; i < output.length; i++) {
          if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') {
            padStart = false;
            break;
          }
        }
      }
      for (let i = 0; i < outputLength; i += columns) {
        const max = Math.min(i + columns, outputLength);
        let str = '';
        let j = i;
        for (; j < max - 1; j++) {
          const padding = maxLineLength[j - i] + output[j].length - dataLen[j];
          str += padStart ? `${output[j]}, `.padStart(padding, ' ') : `${output[j]}, `.padEnd(padding, ' ');
        }
        if (padStart) {
          const padding = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
          str += output[j].padStart(padding, ' ');
        } else {
          str += output[j];
        }
        tmp.push(str);
      }
      if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
      output = tmp;
    }
    return output;
  }

  // Node measures display width (East Asian wide characters count twice); this counts code
  // points, which is the same for the text interview programs print.
  function stringWidth(str) {
    let width = 0;
    for (const ch of str) {
      const code = ch.codePointAt(0);
      width += code >= 0x1100 && isWide(code) ? 2 : code < 0x20 || (code >= 0x300 && code <= 0x36f) || code === 0x200b ? 0 : 1;
    }
    return width;
  }

  function isWide(code) {
    return (
      code <= 0x115f || code === 0x2329 || code === 0x232a ||
      (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) ||
      (code >= 0x3250 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0xa4c6) ||
      (code >= 0xa960 && code <= 0xa97c) || (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe10 && code <= 0xfe19) ||
      (code >= 0xfe30 && code <= 0xfe6b) || (code >= 0xff01 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1b000 && code <= 0x1b001) ||
      (code >= 0x1f200 && code <= 0x1f251) || (code >= 0x1f300 && code <= 0x1f64f) ||
      (code >= 0x20000 && code <= 0x3fffd)
    );
  }

  function isBelowBreakLength(ctx, output, start, base) {
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      totalLength += output[i].length;
      if (totalLength > ctx.breakLength) return false;
    }
    return base === '' || !base.includes('\n');
  }

  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
    if (ctx.compact !== true) {
      if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
        const entries = output.length;
        if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
        if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (isBelowBreakLength(ctx, output, start, base)) {
            const joinedOutput = output.join(', ');
            if (!joinedOutput.includes('\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joinedOutput} ${braces[1]}`;
          }
        }
      }
      const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
      return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
    }
    if (isBelowBreakLength(ctx, output, 0, base)) return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ${braces[1]}`;
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
    const ln = base === '' && braces[0].length === 1 ? ' ' : `${base ? ` ${base}` : ''}\n${indentation}  `;
    return `${braces[0]}${ln}${output.join(`,${indentation}  `)} ${braces[1]}`;
  }

  function inspect(value, opts) {
    const ctx = { ...defaults, seen: [], indentationLvl: 0, currentDepth: 0, circular: undefined };
    if (typeof opts === 'boolean') ctx.showHidden = opts;
    else if (opts) {
      for (const key of Object.keys(opts)) {
        if (key in defaults || key === 'showHidden' || key === 'colors' || key === 'customInspect') ctx[key] = opts[key];
      }
    }
    if (ctx.depth === Infinity) ctx.depth = null;
    if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
    return formatValue(ctx, value, 0);
  }
  inspect.custom = customInspect;
  inspect.defaultOptions = defaults;

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
    const separate = Boolean(inspectOptions && inspectOptions.numericSeparator);
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

  return { inspect, formatWithOptions };
})(globalThis.__codebox);
