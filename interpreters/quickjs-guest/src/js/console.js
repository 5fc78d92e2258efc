// `console`, writing through util.format exactly as Node's Console does, and through the
// stream's own `write`, looked up at each call, so that a program that replaces
// `process.stdout.write` sees what console.log prints, as in Node. `Console` makes more.
(function (host) {
  'use strict';

  // A lone string is printed as it is, without loading util.inspect.
  const formatWith = (options, args) => (args.length === 1 && typeof args[0] === 'string' ? args[0] : host.formatWithOptions(options, ...args));

  const noop = () => {};

  // The methods of a console that writes to the streams `out` and `err` (`_stdout` and
  // `_stderr`, which a program may replace). Unless `ignoreErrors` is false, a stream's errors
  // do not reach the program, as in Node: a write that throws is ignored, and an error the
  // stream emits finds a listener that ignores it.
  function makeConsole(stdout, stderr, groupIndentation = 2, ignoreErrors = true, inspectOptions = undefined) {
    const format = (args) => formatWith(inspectOptions, args);
    const streams = { out: stdout, err: stderr };
    const out = 'out';
    const err = 'err';
    const step = ' '.repeat(groupIndentation);
    const counts = new Map();
    const timers = new Map();
    let groupIndent = '';
    const onWriteError = (stream) => (error) => {
      const state = stream._writableState;
      if (error != null && !(state && state.errorEmitted) && stream.listenerCount('error') === 0) stream.once('error', noop);
    };
    const write = (stream, text) => {
      if (!ignoreErrors) return stream.write(text);
      const emitter = typeof stream.listenerCount === 'function' && typeof stream.once === 'function';
      try {
        if (emitter && stream.listenerCount('error') === 0) stream.once('error', noop);
        stream.write(text, emitter ? onWriteError(stream) : undefined);
      } catch (e) {
        // Running out of stack is the program's to see; anything else a write throws is not.
        if (e instanceof RangeError && e.message === 'Maximum call stack size exceeded') throw e;
      } finally {
        if (emitter) stream.removeListener('error', noop);
      }
    };
    const print = (kind, text) => {
      if (groupIndent !== '') {
        text = text.includes('\n') ? text.replace(/\n/g, `\n${groupIndent}`) : text;
        text = groupIndent + text;
      }
      write(streams[kind], `${text}\n`);
    };
    const warn = (message) => { globalThis.process.emitWarning(message); };
    const named = (name, stream) => ({ [name](...args) { print(stream, format(args)); } })[name];
    const elapsed = (label) => {
      const ms = host.now() - timers.get(label);
      return ms >= 1000 ? `${(ms / 1000).toFixed(3)}s` : `${ms.toFixed(3)}ms`;
    };
    const methods = {
      log: named('log', out),
      info: named('info', out),
      debug: named('debug', out),
      error: named('error', err),
      warn: named('warn', err),
      trace: (...args) => {
        const stack = (new Error().stack || '').split('\n').slice(2).join('\n');
        print(err, `Trace${args.length ? ': ' + host.formatWithOptions(undefined, ...args) : ''}\n${stack}`.replace(/\n$/, ''));
      },
      dir: (value, options) => print(out, host.inspect(value, { customInspect: false, ...options })),
      dirxml: named('dirxml', out),
      assert: (condition, ...args) => {
        if (!condition) {
          args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
          print(err, host.formatWithOptions(undefined, ...args));
        }
      },
      count: (label = 'default') => {
        label = `${label}`;
        counts.set(label, (counts.get(label) || 0) + 1);
        print(out, `${label}: ${counts.get(label)}`);
      },
      countReset: (label = 'default') => {
        label = `${label}`;
        if (!counts.has(label)) return warn(`Count for '${label}' does not exist`);
        counts.delete(label);
      },
      // A label is timed once: timing it again, or ending one never started, only warns.
      time: (label = 'default') => {
        label = `${label}`;
        if (timers.has(label)) return warn(`Label '${label}' already exists for console.time()`);
        timers.set(label, host.now());
      },
      timeEnd: (label = 'default') => {
        label = `${label}`;
        if (!timers.has(label)) return warn(`No such label '${label}' for console.timeEnd()`);
        print(out, `${label}: ${elapsed(label)}`);
        timers.delete(label);
      },
      timeLog: (label = 'default', ...data) => {
        label = `${label}`;
        if (!timers.has(label)) return warn(`No such label '${label}' for console.timeLog()`);
        print(out, host.formatWithOptions(undefined, `${label}: ${elapsed(label)}`, ...data));
      },
      group: (...args) => {
        if (args.length > 0) print(out, host.formatWithOptions(undefined, ...args));
        groupIndent += step;
      },
      groupCollapsed: (...args) => methods.group(...args),
      groupEnd: () => { groupIndent = groupIndent.slice(0, groupIndent.length - step.length); },
      // Only a terminal is cleared, as in Node: the cursor goes home and the screen below it
      // is erased.
      clear: () => {
        if (streams.out.isTTY && globalThis.process.env.TERM !== 'dumb') {
          write(streams.out, '\x1b[1;1H');
          write(streams.out, '\x1b[0J');
        }
      },
      table: (data, properties) => {
        if (properties !== undefined && !Array.isArray(properties)) {
          throw host.invalidArgType('properties', 'an instance of Array', properties);
        }
        table((text) => print(out, text), methods.log, data, properties);
      },
    };
    Object.defineProperty(methods, kIsConsole, { value: true });
    // Node's consoles carry their streams and timers as non-enumerable properties, which
    // programs and Node's own tests read.
    for (const [key, kind] of [['_stdout', out], ['_stderr', err]]) {
      Object.defineProperty(methods, key, {
        get() { return streams[kind]; },
        set(stream) { streams[kind] = stream; },
        configurable: true,
      });
    }
    Object.defineProperty(methods, '_times', { value: timers, writable: true, configurable: true });
    return methods;
  }

  // What `instanceof Console` asks: the global console is one, though Console did not make it.
  const kIsConsole = Symbol('kIsConsole');

  // `new Console(stdout[, stderr])` or `new Console({ stdout, stderr })`.
  function Console(options, stderr, ignoreErrors) {
    if (!new.target) return new Console(options, stderr, ignoreErrors);
    const streams = options !== null && typeof options === 'object' && typeof options.write !== 'function' ? options : { stdout: options, stderr, ignoreErrors };
    const out = streams.stdout;
    if (out === null || typeof out !== 'object' || typeof out.write !== 'function') {
      const error = new TypeError('The "stdout" argument must be of type object.');
      host.coded(error, 'ERR_CONSOLE_WRITABLE_STREAM');
      error.message = 'Console expects a writable stream instance for stdout';
      throw error;
    }
    // stderr, when given, must be writable too (it defaults to stdout).
    const errStream = streams.stderr;
    if (errStream !== undefined && (errStream === null || typeof errStream !== 'object' || typeof errStream.write !== 'function')) {
      throw host.coded(new TypeError('Console expects a writable stream instance for stderr'), 'ERR_CONSOLE_WRITABLE_STREAM');
    }
    const { groupIndentation = 2, inspectOptions, colorMode = 'auto' } = streams;
    if (colorMode !== 'auto' && colorMode !== true && colorMode !== false) {
      const error = new TypeError(`The argument 'colorMode' must be one of: 'auto', true, false. Received ${host.inspect(colorMode)}`);
      throw host.coded(error, 'ERR_INVALID_ARG_VALUE');
    }
    if (inspectOptions !== undefined) {
      if (inspectOptions === null || typeof inspectOptions !== 'object') throw host.invalidArgType('options.inspectOptions', 'object', inspectOptions);
      if (inspectOptions.colors !== undefined && streams.colorMode !== undefined) {
        throw host.coded(new TypeError('Option "options.inspectOptions.color" cannot be used in combination with option "colorMode"'), 'ERR_INCOMPATIBLE_OPTION_PAIR');
      }
    }
    if (typeof groupIndentation !== 'number') throw host.invalidArgType('groupIndentation', 'number', groupIndentation);
    if (!Number.isInteger(groupIndentation)) {
      throw host.coded(new RangeError(`The value of "groupIndentation" is out of range. It must be an integer. Received ${groupIndentation}`), 'ERR_OUT_OF_RANGE');
    }
    if (groupIndentation < 0 || groupIndentation > 1000) {
      throw host.coded(new RangeError(`The value of "groupIndentation" is out of range. It must be >= 0 && <= 1000. Received ${groupIndentation}`), 'ERR_OUT_OF_RANGE');
    }
    const made = makeConsole(out, streams.stderr || out, groupIndentation, streams.ignoreErrors !== false, inspectOptions);
    Object.defineProperties(this, Object.getOwnPropertyDescriptors(made));
    // A subclass's own methods win over the console's, bound to it, as in Node.
    for (const key of Object.keys(made)) {
      for (let p = Object.getPrototypeOf(this); p && p !== Console.prototype; p = Object.getPrototypeOf(p)) {
        if (!Object.prototype.hasOwnProperty.call(p, key)) continue;
        if (typeof p[key] === 'function') {
          this[key] = p[key].bind(this);
          Object.defineProperty(this[key], 'name', { __proto__: null, value: key });
        }
        break;
      }
    }
  }
  Object.defineProperty(Console, Symbol.hasInstance, { value: (instance) => !!(instance && instance[kIsConsole]) });

  globalThis.console = makeConsole(globalThis.process.stdout, globalThis.process.stderr);
  Object.defineProperty(globalThis.console, 'Console', { value: Console, writable: true, configurable: true, enumerable: false });

  // How many columns a code point takes in a terminal, as Node counts them without ICU.
  function codePointWidth(code) {
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x300 && code <= 0x36f) ||
        (code >= 0x200b && code <= 0x200f) || (code >= 0x20d0 && code <= 0x20ff) ||
        (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xfe20 && code <= 0xfe2f) ||
        (code >= 0xe0100 && code <= 0xe01ef)) {
      return 0;
    }
    const wide = code >= 0x1100 && (code <= 0x115f || code === 0x2329 || code === 0x232a ||
      (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) || (code >= 0x3250 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0xa4c6) || (code >= 0xa960 && code <= 0xa97c) ||
      (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe10 && code <= 0xfe19) || (code >= 0xfe30 && code <= 0xfe6b) ||
      (code >= 0xff01 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1b000 && code <= 0x1b001) || (code >= 0x1f200 && code <= 0x1f251) ||
      (code >= 0x1f300 && code <= 0x1f64f) || (code >= 0x20000 && code <= 0x3fffd));
    return wide ? 2 : 1;
  }

  // console.table, after Node's lib/internal/cli_table.js.
  function renderTable(head, columns) {
    const width = (s) => {
      let total = 0;
      for (const c of s.replace(/\x1b\[[0-9;]*m/g, '')) total += codePointWidth(c.codePointAt(0));
      return total;
    };
    const rows = [];
    const columnWidths = head.map(width);
    const longestColumn = Math.max(...columns.map((a) => a.length));
    for (let i = 0; i < head.length; i++) {
      const column = columns[i];
      for (let j = 0; j < longestColumn; j++) {
        if (rows[j] === undefined) rows[j] = [];
        const value = (rows[j][i] = Object.prototype.hasOwnProperty.call(column, j) ? column[j] : '');
        columnWidths[i] = Math.max(columnWidths[i] || 0, width(value));
      }
    }
    const renderRow = (row) => {
      let out = '│ ';
      for (let i = 0; i < row.length; i++) {
        // Left-aligned, as Node 20.20 aligns its cells.
        out += row[i] + ' '.repeat(columnWidths[i] - width(row[i]));
        if (i !== row.length - 1) out += ' │ ';
      }
      return `${out} │`;
    };
    const divider = columnWidths.map((w) => '─'.repeat(w + 2));
    let result = `┌${divider.join('┬')}┐\n${renderRow(head)}\n├${divider.join('┼')}┤\n`;
    for (const row of rows) result += `${renderRow(row)}\n`;
    return `${result}└${divider.join('┴')}┘`;
  }

  function table(print, log, data, properties) {
    if (data === null || typeof data !== 'object') return log(data);
    const cell = (v) => {
      const depth = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
      return host.inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity });
    };
    const indexes = (n) => Array.from({ length: n }, (_, i) => cell(i));
    if (data instanceof Map) {
      const keys = [];
      const values = [];
      for (const [k, v] of data) { keys.push(cell(k)); values.push(cell(v)); }
      return print(renderTable(['(iteration index)', 'Key', 'Values'], [indexes(keys.length), keys, values]));
    }
    if (data instanceof Set) {
      const values = [...data].map(cell);
      return print(renderTable(['(iteration index)', 'Values'], [indexes(values.length), values]));
    }
    // A Map's or Set's iterator is tabled by what it walks, as in Node.
    const walked = host.iteratorSources.get(data);
    if (walked !== undefined) {
      const { source, kind } = walked;
      if (source instanceof Map && kind === 'entries') return table(print, log, new Map(source), properties);
      const items = source instanceof Map && kind === 'keys' ? [...source.keys()] : [...source.values()];
      const values = items.map(cell);
      return print(renderTable(['(iteration index)', 'Values'], [indexes(values.length), values]));
    }
    const map = Object.create(null);
    let hasPrimitives = false;
    const valuesKeyArray = [];
    const indexKeyArray = Object.keys(data);
    for (let i = 0; i < indexKeyArray.length; i++) {
      const item = data[indexKeyArray[i]];
      const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        valuesKeyArray[i] = cell(item);
      } else {
        for (const key of properties || Object.keys(item)) {
          map[key] ??= [];
          map[key][i] = (primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key) ? '' : cell(item[key]);
        }
      }
    }
    const keys = Object.keys(map);
    const values = Object.values(map);
    if (hasPrimitives) {
      keys.push('Values');
      values.push(valuesKeyArray);
    }
    keys.unshift('(index)');
    values.unshift(indexKeyArray);
    return print(renderTable(keys, values));
  }
})(globalThis.__codebox);
