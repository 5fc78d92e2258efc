// `console`, writing through util.format exactly as Node's Console does, and through the
// stream's own `write`, looked up at each call, so that a program that replaces
// `process.stdout.write` sees what console.log prints, as in Node. `Console` makes more.
(function (host) {
  'use strict';

  // A lone string is printed as it is, without loading util.inspect.
  const format = (args) => (args.length === 1 && typeof args[0] === 'string' ? args[0] : host.formatWithOptions(undefined, ...args));

  // The methods of a console that writes to the streams `out` and `err`.
  function makeConsole(out, err, groupIndentation = 2) {
    const step = ' '.repeat(groupIndentation);
    const counts = new Map();
    const timers = new Map();
    let groupIndent = '';
    const print = (stream, text) => {
      if (groupIndent !== '') {
        text = text.includes('\n') ? text.replace(/\n/g, `\n${groupIndent}`) : text;
        text = groupIndent + text;
      }
      stream.write(`${text}\n`);
    };
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
      countReset: (label = 'default') => { counts.delete(`${label}`); },
      time: (label = 'default') => { timers.set(`${label}`, host.now()); },
      timeEnd: (label = 'default') => {
        label = `${label}`;
        if (!timers.has(label)) return;
        print(out, `${label}: ${elapsed(label)}`);
        timers.delete(label);
      },
      timeLog: (label = 'default', ...data) => {
        label = `${label}`;
        if (!timers.has(label)) return;
        print(out, host.formatWithOptions(undefined, `${label}: ${elapsed(label)}`, ...data));
      },
      group: (...args) => {
        if (args.length > 0) print(out, host.formatWithOptions(undefined, ...args));
        groupIndent += step;
      },
      groupCollapsed: (...args) => methods.group(...args),
      groupEnd: () => { groupIndent = groupIndent.slice(0, groupIndent.length - step.length); },
      // Clearing needs a terminal; a run's stdout never is one, so, as Node, nothing happens.
      clear: () => {},
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
    for (const [key, value] of [['_stdout', out], ['_stderr', err], ['_times', timers]]) {
      Object.defineProperty(methods, key, { value, writable: true, configurable: true });
    }
    return methods;
  }

  // What `instanceof Console` asks: the global console is one, though Console did not make it.
  const kIsConsole = Symbol('kIsConsole');

  // `new Console(stdout[, stderr])` or `new Console({ stdout, stderr })`.
  function Console(options, stderr) {
    if (!new.target) return new Console(options, stderr);
    const streams = options !== null && typeof options === 'object' && typeof options.write !== 'function' ? options : { stdout: options, stderr };
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
    const { groupIndentation = 2 } = streams;
    if (typeof groupIndentation !== 'number') throw host.invalidArgType('groupIndentation', 'number', groupIndentation);
    if (!Number.isInteger(groupIndentation)) {
      throw host.coded(new RangeError(`The value of "groupIndentation" is out of range. It must be an integer. Received ${groupIndentation}`), 'ERR_OUT_OF_RANGE');
    }
    if (groupIndentation < 0 || groupIndentation > 1000) {
      throw host.coded(new RangeError(`The value of "groupIndentation" is out of range. It must be >= 0 && <= 1000. Received ${groupIndentation}`), 'ERR_OUT_OF_RANGE');
    }
    const made = makeConsole(out, streams.stderr || out, groupIndentation);
    Object.defineProperties(this, Object.getOwnPropertyDescriptors(made));
  }
  Object.defineProperty(Console, Symbol.hasInstance, { value: (instance) => !!(instance && instance[kIsConsole]) });

  globalThis.console = makeConsole(globalThis.process.stdout, globalThis.process.stderr);
  Object.defineProperty(globalThis.console, 'Console', { value: Console, writable: true, configurable: true, enumerable: false });

  // console.table, after Node's lib/internal/cli_table.js.
  function renderTable(head, columns) {
    const width = (s) => [...s].length;
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
