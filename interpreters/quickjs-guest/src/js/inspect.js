// util.inspect, following Node 20's algorithm (lib/internal/util/inspect.js): what a value
// is (its constructor, tag, prefix and keys) and how each kind is formatted. Primitives are
// written by primitives.js, the result is laid out by layout.js, util.format is format.js:
// the same defaults (depth 2, breakLength 80, compact 3, maxArrayLength 100), the same
// single-line test, the same grouping of long arrays into columns, the same quoting. Colors,
// showHidden and custom inspectors beyond `[util.inspect.custom]` are left out.
(function (host) {
  'use strict';

  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const defaults = { depth: 2, breakLength: 80, compact: 3, maxArrayLength: 100, maxStringLength: 10000, sorted: false, getters: false, numericSeparator: false };
  const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const numberRegExp = /^(0|[1-9][0-9]*)$/;
  const { strEscape, formatNumber, formatBigInt, formatPrimitive } = host.internal('primitives');
  const { kObjectType, kArrayType, kArrayExtrasType, reduceToSingleString, stringWidth } = host.internal('layout');

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

  // The global constructors (Object, Map, Error, ...): prototype properties are shown only
  // for classes of the program's own.
  const builtInObjects = new Set(Object.getOwnPropertyNames(globalThis).filter((name) => /^[A-Z][a-zA-Z0-9]+$/.test(name)));

  // With showHidden, what an object's own classes (up to three levels) define besides methods,
  // shown after its own properties as Node shows them: `[name]: value`.
  function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
    let depth = 0;
    let keys;
    let keySet;
    do {
      if (depth !== 0 || main === obj) {
        obj = Object.getPrototypeOf(obj);
        if (obj === null) return;
        const descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
        if (descriptor !== undefined && typeof descriptor.value === 'function' && builtInObjects.has(descriptor.value.name)) return;
      }
      if (depth === 0) keySet = new Set();
      else for (const key of keys) keySet.add(key);
      keys = Reflect.ownKeys(obj);
      ctx.seen.push(main);
      for (const key of keys) {
        if (key === 'constructor' || Object.prototype.hasOwnProperty.call(main, key) || (depth !== 0 && keySet.has(key))) continue;
        const desc = Object.getOwnPropertyDescriptor(obj, key);
        if (typeof desc.value === 'function') continue;
        output.push(formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main));
      }
      ctx.seen.pop();
    } while (++depth !== 3);
  }

  function getConstructorName(obj, ctx, recurseTimes, protoProps) {
    let firstProto;
    const tmp = obj;
    while (obj) {
      const descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== '' && is(tmp, descriptor.value)) {
        if (protoProps !== undefined && (firstProto !== obj || !builtInObjects.has(descriptor.value.name))) {
          addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
        }
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
    const name = err.name === undefined ? 'Error' : err.name;
    const shown = host.isCoded(err) ? `${name} [${err.code}]` : name;
    const head = err.message ? `${shown}: ${err.message}` : shown;
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

  function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value, ctx);
    if (value === null) return 'null';
    const maybeCustom = ctx.customInspect === false ? undefined : value[customInspect];
    // A class's own prototype is shown as it is, not through its custom inspector.
    if (typeof maybeCustom === 'function' && maybeCustom !== inspect && !(value.constructor && value.constructor.prototype === value)) {
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
    let protoProps;
    if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) protoProps = [];
    const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
    if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;
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
      if (protoProps !== undefined) output.push(...protoProps);
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

  function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
    let name, str;
    let extra = ' ';
    desc = desc || Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
    if (desc.value !== undefined) {
      const diff = ctx.compact !== true || type !== kObjectType ? 2 : 3;
      ctx.indentationLvl += diff;
      str = formatValue(ctx, desc.value, recurseTimes);
      if (diff === 3 && ctx.breakLength < stringWidth(str)) extra = `\n${' '.repeat(ctx.indentationLvl)}`;
      ctx.indentationLvl -= diff;
    } else if (desc.get !== undefined) {
      const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
      if (ctx.getters === true || (ctx.getters === 'get' && desc.set === undefined) || (ctx.getters === 'set' && desc.set !== undefined)) {
        try {
          const tmp = desc.get.call(original);
          ctx.indentationLvl += 2;
          if (tmp === null) str = `[${label}: null]`;
          else if (typeof tmp === 'object') str = `[${label}] ${formatValue(ctx, tmp, recurseTimes)}`;
          else str = `[${label}: ${typeof tmp === 'function' ? formatValue(ctx, tmp, recurseTimes) : formatPrimitive(tmp, ctx)}]`;
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

  return { inspect };
})(globalThis.__codebox);
