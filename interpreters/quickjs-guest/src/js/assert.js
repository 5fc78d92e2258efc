// The `assert` module, with Node's AssertionError and messages.
(function (host) {
  'use strict';

  const deepEqual = host.internal('deep_equal');
  const isPrimitive = (v) => v === null || (typeof v !== 'object' && typeof v !== 'function');
  const isError = (v) => v instanceof Error || Object.prototype.toString.call(v) === '[object Error]';

  // The options of Node's `inspectValue`: every level, every item, keys sorted, one per line.
  const inspectOptions = {
    compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity,
    showHidden: false, sorted: true, getters: true,
  };
  const inspectValue = (value) => host.inspect(value, inspectOptions);

  const readable = {
    deepStrictEqual: 'Expected values to be strictly deep-equal:',
    strictEqual: 'Expected values to be strictly equal:',
    strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
    deepEqual: 'Expected values to be loosely deep-equal:',
    notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
    notStrictEqual: 'Expected "actual" to be strictly unequal to:',
    notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
    notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
    notIdentical: 'Values have same structure but are not reference-equal:',
    notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
  };
  // Values that fit together in this many characters are shown as `a !== b`.
  const maxShortLength = 12;

  // The lines of two values with what they share and where they part, as Node shows a failed
  // strictEqual or deepStrictEqual: `+` for actual, `-` for expected, long runs of shared lines
  // collapsed to `...`. `header` stands in for the operator's sentence when the caller gave one.
  function createErrDiff(actual, expected, operator, header) {
    let other = '';
    let res = '';
    let end = '';
    let skipped = false;
    const actualInspected = inspectValue(actual);
    const actualLines = actualInspected.split('\n');
    const expectedLines = inspectValue(expected).split('\n');
    let i = 0;
    let indicator = '';
    if (operator === 'strictEqual' &&
        ((typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) ||
         (typeof actual === 'function' && typeof expected === 'function'))) {
      operator = 'strictEqualObject';
    }
    header = header === undefined ? readable[operator] : header;
    if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
      const inputLength = actualLines[0].length + expectedLines[0].length;
      if (inputLength <= maxShortLength) {
        if (isPrimitive(actual) && isPrimitive(expected) && (actual !== 0 || expected !== 0)) {
          return `${header}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`;
        }
      } else if (operator !== 'strictEqualObject' && inputLength < 80) {
        // A caret under the first difference of two short one-line values.
        while (actualLines[0][i] === expectedLines[0][i]) i++;
        if (i > 2) {
          indicator = `\n  ${' '.repeat(i)}^`;
          i = 0;
        }
      }
    }
    // Shared lines at the end are left out but for the last three.
    let a = actualLines[actualLines.length - 1];
    let b = expectedLines[expectedLines.length - 1];
    while (a === b) {
      if (i++ < 3) end = `\n  ${a}${end}`;
      else other = a;
      actualLines.pop();
      expectedLines.pop();
      if (actualLines.length === 0 || expectedLines.length === 0) break;
      a = actualLines[actualLines.length - 1];
      b = expectedLines[expectedLines.length - 1];
    }
    const maxLines = Math.max(actualLines.length, expectedLines.length);
    if (maxLines === 0) {
      // Alike in every line but not the same object.
      const lines = actualInspected.split('\n');
      if (lines.length > 50) {
        lines[46] = '...';
        lines.length = 47;
      }
      return `${readable.notIdentical}\n\n${lines.join('\n')}\n`;
    }
    if (i >= 5) {
      end = `\n...${end}`;
      skipped = true;
    }
    if (other !== '') {
      end = `\n  ${other}${end}`;
      other = '';
    }
    let printedLines = 0;
    let identical = 0;
    const msg = `${header}\n+ actual - expected`;
    const skippedMsg = ' ... Lines skipped';
    let lines = actualLines;
    let plusMinus = '+';
    let maxLength = expectedLines.length;
    if (actualLines.length < maxLines) {
      lines = expectedLines;
      plusMinus = '-';
      maxLength = actualLines.length;
    }
    // Up to three shared lines before a difference are shown; more are collapsed to `...`.
    const sharedBefore = (from) => {
      if (identical > 2) {
        if (identical > 3) {
          if (identical > 4) {
            if (identical === 5) {
              res += `\n  ${from[i - 3]}`;
              printedLines++;
            } else {
              res += '\n...';
              skipped = true;
            }
          }
          res += `\n  ${from[i - 2]}`;
          printedLines++;
        }
        res += `\n  ${from[i - 1]}`;
        printedLines++;
      }
      identical = 0;
    };
    for (i = 0; i < maxLines; i++) {
      if (maxLength < i + 1) {
        // Only one side has lines left.
        sharedBefore(lines);
        if (lines === actualLines) res += `\n${plusMinus} ${lines[i]}`;
        else other += `\n${plusMinus} ${lines[i]}`;
        printedLines++;
      } else {
        const expectedLine = expectedLines[i];
        let actualLine = actualLines[i];
        let diverging = actualLine !== expectedLine &&
          (!actualLine.endsWith(',') || actualLine.slice(0, -1) !== expectedLine);
        // A line that differs from its counterpart only by the counterpart's trailing comma is
        // the same line.
        if (diverging && expectedLine.endsWith(',') && expectedLine.slice(0, -1) === actualLine) {
          diverging = false;
          actualLine += ',';
        }
        if (diverging) {
          sharedBefore(actualLines);
          // Consecutive differences show as +++--- rather than +-+-+-.
          res += `\n+ ${actualLine}`;
          other += `\n- ${expectedLine}`;
          printedLines += 2;
        } else {
          res += other;
          other = '';
          identical++;
          if (identical <= 2) {
            res += `\n  ${actualLine}`;
            printedLines++;
          }
        }
      }
      // About fifty lines at most.
      if (printedLines > 50 && i < maxLines - 2) {
        return `${msg}${skippedMsg}\n${res}\n...${other}\n...`;
      }
    }
    return `${msg}${skipped ? skippedMsg : ''}\n${res}${other}${end}${indicator}`;
  }

  // An error shown in a diff without its stack: its own properties and its message.
  function copyError(source) {
    const target = Object.assign({ __proto__: Object.getPrototypeOf(source) }, source);
    Object.defineProperty(target, 'message', { __proto__: null, value: source.message });
    return target;
  }

  // The message Node makes for a failed comparison: `message`, if given, heads it for the two
  // operators that show a diff.
  function comparisonMessage(actual, expected, operator, message) {
    if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
      if (isError(actual) && isError(expected) && 'stack' in actual && 'stack' in expected) {
        actual = copyError(actual);
        expected = copyError(expected);
      }
      return createErrDiff(actual, expected, operator, message == null ? undefined : String(message));
    }
    if (message != null) return String(message);
    if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
      let base = readable[operator];
      const res = inspectValue(actual).split('\n');
      if (operator === 'notStrictEqual' && !isPrimitive(actual)) base = readable.notStrictEqualObject;
      if (res.length > 50) {
        res[46] = '...';
        res.length = 47;
      }
      if (res.length === 1) return `${base}${res[0].length > 5 ? '\n\n' : ' '}${res[0]}`;
      return `${base}\n\n${res.join('\n')}\n`;
    }
    let res = inspectValue(actual);
    let other = inspectValue(expected);
    const known = readable[operator];
    if (operator === 'notDeepEqual' && res === other) {
      res = `${known}\n\n${res}`;
      return res.length > 1024 ? `${res.slice(0, 1021)}...` : res;
    }
    if (res.length > 512) res = `${res.slice(0, 509)}...`;
    if (other.length > 512) other = `${other.slice(0, 509)}...`;
    if (operator === 'deepEqual') {
      res = `${known}\n\n${res}\n\nshould loosely deep-equal\n\n`;
    } else {
      const unequal = readable[`${operator}Unequal`];
      if (unequal) res = `${unequal}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
      else other = ` ${operator} ${other}`;
    }
    return `${res}${other}`;
  }

  class AssertionError extends Error {
    constructor(options) {
      if (options === null || typeof options !== 'object') throw host.invalidArgType('options', 'object', options);
      const { message, operator, stackStartFn, details } = options;
      const { actual, expected } = options;
      super(comparisonMessage(actual, expected, operator, message));
      this.generatedMessage = !message;
      // As Node: the stack's first line is made while the name carries the code, and the name
      // is then set back.
      Object.defineProperty(this, 'name', {
        __proto__: null, value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true,
      });
      this.code = 'ERR_ASSERTION';
      if (details) {
        this.actual = undefined;
        this.expected = undefined;
        this.operator = undefined;
        for (let i = 0; i < details.length; i++) {
          this['message ' + i] = details[i].message;
          this['actual ' + i] = details[i].actual;
          this['expected ' + i] = details[i].expected;
          this['operator ' + i] = details[i].operator;
          this['stack trace ' + i] = details[i].stack;
        }
      } else {
        this.actual = actual;
        this.expected = expected;
        this.operator = operator;
      }
      Error.captureStackTrace(this, stackStartFn || new.target);
      this.stack; // eslint-disable-line no-unused-expressions
      this.name = 'AssertionError';
    }
    toString() { return `${this.name} [${this.code}]: ${this.message}`; }
  }

  // assert.CallTracker: wraps functions, counts their calls, and verify() checks the counts.
  let trackerWarned = false;
  class CallTracker {
    #tracked = [];
    constructor() {
      if (!trackerWarned) {
        trackerWarned = true;
        globalThis.process.emitWarning('assert.CallTracker is deprecated.', 'DeprecationWarning', 'DEP0173');
      }
    }
    calls(fn, exact = 1) {
      // Trackers cannot be given new functions once the process is exiting.
      if (globalThis.process._exiting) {
        throw host.coded(new Error('Cannot call function in process exit handler'), 'ERR_UNAVAILABLE_DURING_EXIT');
      }
      if (typeof fn === 'number') { exact = fn; fn = () => {}; }
      else if (fn === undefined) fn = () => {};
      if (typeof exact !== 'number') throw host.invalidArgType('exact', 'number', exact);
      if (!Number.isInteger(exact) || exact < 1 || exact > 2 ** 32 - 1) {
        throw host.coded(new RangeError(`The value of "exact" is out of range. It must be an integer >= 1 && <= 4294967295. Received ${exact}`), 'ERR_OUT_OF_RANGE');
      }
      if (typeof fn !== 'function') throw host.invalidArgType('fn', 'function', fn);
      const record = { fn, exact, calls: [] };
      // A proxy, as Node's: the function's own properties (name, length, any other) show
      // through without being read, and each call's record is frozen.
      const wrapped = new Proxy(fn, {
        __proto__: null,
        apply(target, thisArg, argList) {
          record.calls.push(Object.freeze({ thisArg, arguments: Object.freeze(argList) }));
          return Reflect.apply(target, thisArg, argList);
        },
      });
      record.wrapped = wrapped;
      this.#tracked.push(record);
      return wrapped;
    }
    #find(wrapped) {
      const record = this.#tracked.find((r) => r.wrapped === wrapped);
      if (record === undefined) {
        const error = new TypeError('The "fn" argument is invalid. Received ' + host.inspect(wrapped));
        host.coded(error, 'ERR_INVALID_ARG_VALUE');
        throw error;
      }
      return record;
    }
    getCalls(wrapped) { return Object.freeze(this.#find(wrapped).calls.slice()); }
    reset(wrapped) {
      if (wrapped === undefined) for (const record of this.#tracked) record.calls = [];
      else this.#find(wrapped).calls = [];
    }
    report() {
      return this.#tracked.filter((r) => r.calls.length !== r.exact).map((r) => ({
        message: `Expected the ${r.fn.name || 'calls'} function to be executed ${r.exact} time(s) but was executed ${r.calls.length} time(s).`,
        actual: r.calls.length,
        expected: r.exact,
        operator: r.fn.name || 'calls',
        stack: new Error().stack,
      }));
    }
    verify() {
      const errors = this.report();
      if (errors.length === 0) return;
      // As Node: one miss is named; several are summed up in one sentence.
      const message = errors.length === 1 ? errors[0].message : 'Functions were not called the expected number of times';
      throw new AssertionError({ message, details: errors });
    }
  }


  function innerFail(options) {
    if (options.message instanceof Error) throw options.message;
    throw new AssertionError(options);
  }

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
  function falsyMessage(fn) {
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
    // it and that `fn` can be (`ok` is called as `x.ok`, assert as anything else).
    const calls = callsOn(code).filter((c) => (fn === ok) === /(^|\.)ok$/.test(c.callee));
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

  function innerOk(fn, argLen, value, message) {
    if (value) return;
    let generatedMessage = false;
    if (argLen === 0) {
      generatedMessage = true;
      message = 'No value argument passed to `assert.ok()`';
    } else if (message == null) {
      generatedMessage = true;
      message = falsyMessage(fn);
    } else if (message instanceof Error) {
      throw message;
    }
    const error = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
    error.generatedMessage = generatedMessage;
    throw error;
  }

  // `arguments.length` rather than rest parameters: a spread would run the array iterator,
  // which a program may have replaced.
  function assert(value, message) { innerOk(assert, arguments.length, value, message); }
  function ok(value, message) { innerOk(ok, arguments.length, value, message); }

  let failWarned = false;
  function fail(actual, expected, message, operator, stackStartFn) {
    const argsLen = arguments.length;
    let internalMessage = false;
    if (actual == null && argsLen <= 1) {
      internalMessage = true;
      message = 'Failed';
    } else if (argsLen === 1) {
      message = actual;
      actual = undefined;
    } else {
      if (!failWarned) {
        failWarned = true;
        globalThis.process.emitWarning('assert.fail() with more than one argument is deprecated. ' +
          'Please use assert.strictEqual() instead or only pass a message.', 'DeprecationWarning', 'DEP0094');
      }
      if (argsLen === 2) operator = '!=';
    }
    if (message instanceof Error) throw message;
    const error = new AssertionError({
      actual, expected, operator: operator === undefined ? 'fail' : operator, stackStartFn: stackStartFn || fail, message,
    });
    if (internalMessage) error.generatedMessage = true;
    throw error;
  }

  // Both arguments are checked: Node's ERR_MISSING_ARGS when either is left out.
  function compared(name, holds, operator = name) {
    const wrapped = {
      [name](actual, expected, message) {
        if (arguments.length < 2) {
          throw host.coded(new TypeError('The "actual" and "expected" arguments must be specified'), 'ERR_MISSING_ARGS');
        }
        if (!holds(actual, expected)) innerFail({ actual, expected, message, operator, stackStartFn: wrapped[name] });
      },
    };
    return wrapped[name];
  }

  const NO_EXCEPTION = {};
  const errorTypes = 'function or an instance of Error, RegExp, or Object';

  function getActual(fn) {
    if (typeof fn !== 'function') throw host.invalidArgType('fn', 'function', fn);
    try {
      fn();
    } catch (e) {
      return e;
    }
    return NO_EXCEPTION;
  }

  const isThenable = (value) => value instanceof Promise ||
    (value !== null && typeof value === 'object' && typeof value.then === 'function' && typeof value.catch === 'function');

  async function waitForActual(promiseFn) {
    let resultPromise;
    if (typeof promiseFn === 'function') {
      resultPromise = promiseFn();
      if (!isThenable(resultPromise)) {
        const message = `Expected instance of Promise to be returned from the "promiseFn" function but got ${host.specificType(resultPromise)}.`;
        throw host.coded(new TypeError(message), 'ERR_INVALID_RETURN_VALUE');
      }
    } else if (isThenable(promiseFn)) {
      resultPromise = promiseFn;
    } else {
      throw host.invalidArgType('promiseFn', 'function or an instance of Promise', promiseFn);
    }
    try {
      await resultPromise;
    } catch (e) {
      return e;
    }
    return NO_EXCEPTION;
  }

  // What a failed key of an expected-error object shows: the keys compared, on both sides.
  class Comparison {
    constructor(obj, keys, actual) {
      for (const key of keys) {
        if (key in obj) {
          if (actual !== undefined && typeof actual[key] === 'string' && obj[key] instanceof RegExp && obj[key].exec(actual[key]) !== null) {
            this[key] = actual[key];
          } else {
            this[key] = obj[key];
          }
        }
      }
    }
  }

  function compareExceptionKey(actual, expected, key, message, keys, fn) {
    if (!(key in actual) || !deepEqual(actual[key], expected[key], true)) {
      if (!message) {
        const a = new Comparison(actual, keys);
        const b = new Comparison(expected, keys, actual);
        const error = new AssertionError({ actual: a, expected: b, operator: 'deepStrictEqual', stackStartFn: fn });
        error.actual = actual;
        error.expected = expected;
        error.operator = fn.name;
        throw error;
      }
      innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
    }
  }

  // Whether the error thrown matches what throws() or rejects() expected; throws the
  // AssertionError that says why when it does not.
  function expectedException(actual, expected, message, fn) {
    let generatedMessage = false;
    let throwError = false;
    if (typeof expected !== 'function') {
      if (expected instanceof RegExp) {
        const str = String(actual);
        if (expected.exec(str) !== null) return;
        if (!message) {
          generatedMessage = true;
          message = `The input did not match the regular expression ${host.inspect(expected)}. Input:\n\n${host.inspect(str)}\n`;
        }
        throwError = true;
      } else if (typeof actual !== 'object' || actual === null) {
        const error = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
        error.operator = fn.name;
        throw error;
      } else {
        const keys = Object.keys(expected);
        if (expected instanceof Error) {
          keys.push('name', 'message');
        } else if (keys.length === 0) {
          const error = new TypeError(`The argument 'error' may not be an empty object. Received ${host.inspect(expected)}`);
          throw host.coded(error, 'ERR_INVALID_ARG_VALUE');
        }
        for (const key of keys) {
          if (typeof actual[key] === 'string' && expected[key] instanceof RegExp && expected[key].exec(actual[key]) !== null) continue;
          compareExceptionKey(actual, expected, key, message, keys, fn);
        }
        return;
      }
    } else if (expected.prototype !== undefined && actual instanceof expected) {
      return;
    } else if (Error.isPrototypeOf(expected)) {
      if (!message) {
        generatedMessage = true;
        message = `The error is expected to be an instance of "${expected.name}". Received `;
        if (isError(actual)) {
          const name = (actual.constructor && actual.constructor.name) || actual.name;
          if (expected.name === name) message += 'an error with identical name but a different prototype.';
          else message += `"${name}"`;
          if (actual.message) message += `\n\nError message:\n\n${actual.message}`;
        } else {
          message += `"${host.inspect(actual, { depth: -1 })}"`;
        }
      }
      throwError = true;
    } else {
      const res = Reflect.apply(expected, {}, [actual]);
      if (res !== true) {
        if (!message) {
          generatedMessage = true;
          const name = expected.name ? `"${expected.name}" ` : '';
          message = `The ${name}validation function is expected to return "true". Received ${host.inspect(res)}`;
          if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`;
        }
        throwError = true;
      }
    }
    if (throwError) {
      const error = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
      error.generatedMessage = generatedMessage;
      throw error;
    }
  }

  function expectsError(stackStartFn, actual, error, message) {
    if (typeof error === 'string') {
      if (arguments.length === 4) throw host.invalidArgType('error', errorTypes, error);
      if (typeof actual === 'object' && actual !== null) {
        if (actual.message === error) {
          throw host.coded(new TypeError(`The "error/message" argument is ambiguous. The error message "${actual.message}" is identical to the message.`), 'ERR_AMBIGUOUS_ARGUMENT');
        }
      } else if (actual === error) {
        throw host.coded(new TypeError(`The "error/message" argument is ambiguous. The error "${actual}" is identical to the message.`), 'ERR_AMBIGUOUS_ARGUMENT');
      }
      message = error;
      error = undefined;
    } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
      throw host.invalidArgType('error', errorTypes, error);
    }
    if (actual === NO_EXCEPTION) {
      let details = '';
      if (error && error.name) details += ` (${error.name})`;
      details += message ? `: ${message}` : '.';
      const fnType = stackStartFn === rejects ? 'rejection' : 'exception';
      innerFail({ actual: undefined, expected: error, operator: stackStartFn.name, message: `Missing expected ${fnType}${details}`, stackStartFn });
    }
    if (!error) return;
    expectedException(actual, error, message, stackStartFn);
  }

  function hasMatchingError(actual, expected) {
    if (typeof expected !== 'function') {
      if (expected instanceof RegExp) return expected.exec(String(actual)) !== null;
      throw host.invalidArgType('expected', 'function or an instance of RegExp', expected);
    }
    if (expected.prototype !== undefined && actual instanceof expected) return true;
    if (Error.isPrototypeOf(expected)) return false;
    return Reflect.apply(expected, {}, [actual]) === true;
  }

  function expectsNoError(stackStartFn, actual, error, message) {
    if (actual === NO_EXCEPTION) return;
    if (typeof error === 'string') {
      message = error;
      error = undefined;
    }
    if (!error || hasMatchingError(actual, error)) {
      const details = message ? `: ${message}` : '.';
      const fnType = stackStartFn === doesNotReject ? 'rejection' : 'exception';
      innerFail({
        actual, expected: error, operator: stackStartFn.name, stackStartFn,
        message: `Got unwanted ${fnType}${details}\nActual message: "${actual && actual.message}"`,
      });
    }
    throw actual;
  }

  function throws(promiseFn, ...args) { expectsError(throws, getActual(promiseFn), ...args); }
  async function rejects(promiseFn, ...args) { expectsError(rejects, await waitForActual(promiseFn), ...args); }
  function doesNotThrow(fn, ...args) { expectsNoError(doesNotThrow, getActual(fn), ...args); }
  async function doesNotReject(fn, ...args) { expectsNoError(doesNotReject, await waitForActual(fn), ...args); }

  function ifError(err) {
    if (err === null || err === undefined) return;
    let message = 'ifError got unwanted exception: ';
    if (typeof err === 'object' && typeof err.message === 'string') {
      if (err.message.length === 0 && err.constructor) message += err.constructor.name;
      else message += err.message;
    } else {
      message += host.inspect(err);
    }
    const newErr = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
    // The error's own frames follow the assertion's, without the ones they share.
    const origStack = err.stack;
    if (typeof origStack === 'string') {
      const origStackStart = origStack.indexOf('\n    at');
      if (origStackStart !== -1) {
        const originalFrames = origStack.slice(origStackStart + 1).split('\n');
        let newFrames = newErr.stack.split('\n');
        for (const errFrame of originalFrames) {
          const pos = newFrames.indexOf(errFrame);
          if (pos !== -1) {
            newFrames = newFrames.slice(0, pos);
            break;
          }
        }
        newErr.stack = `${newFrames.join('\n')}\n${originalFrames.join('\n')}`;
      }
    }
    throw newErr;
  }

  function internalMatch(string, regexp, message, fn) {
    if (!(regexp instanceof RegExp)) throw host.invalidArgType('regexp', 'an instance of RegExp', regexp);
    const matches = fn === assert.match;
    if (typeof string !== 'string' || (regexp.exec(string) !== null) !== matches) {
      if (message instanceof Error) throw message;
      const generatedMessage = !message;
      message = message || (typeof string !== 'string' ?
        `The "string" argument must be of type string. Received type ${typeof string} (${host.inspect(string)})` :
        (matches ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression ') +
          `${host.inspect(regexp)}. Input:\n\n${host.inspect(string)}\n`);
      const error = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
      error.generatedMessage = generatedMessage;
      throw error;
    }
  }

  const looseEqual = (a, e) => a == e || (Number.isNaN(a) && Number.isNaN(e));
  Object.assign(assert, {
    ok,
    AssertionError,
    fail,
    equal: compared('equal', looseEqual, '=='),
    notEqual: compared('notEqual', (a, e) => !looseEqual(a, e), '!='),
    strictEqual: compared('strictEqual', Object.is),
    notStrictEqual: compared('notStrictEqual', (a, e) => !Object.is(a, e)),
    deepEqual: compared('deepEqual', (a, e) => deepEqual(a, e, false)),
    notDeepEqual: compared('notDeepEqual', (a, e) => !deepEqual(a, e, false)),
    deepStrictEqual: compared('deepStrictEqual', (a, e) => deepEqual(a, e, true)),
    notDeepStrictEqual: compared('notDeepStrictEqual', (a, e) => !deepEqual(a, e, true)),
    match: function match(string, regexp, message) { internalMatch(string, regexp, message, assert.match); },
    doesNotMatch: function doesNotMatch(string, regexp, message) { internalMatch(string, regexp, message, assert.doesNotMatch); },
    throws,
    rejects,
    doesNotThrow,
    doesNotReject,
    ifError,
    CallTracker,
  });
  // assert.strict: the same, with the loose comparisons made strict.
  function strict(value, message) { innerOk(strict, arguments.length, value, message); }
  Object.assign(strict, assert, {
    equal: assert.strictEqual,
    deepEqual: assert.deepStrictEqual,
    notEqual: assert.notStrictEqual,
    notDeepEqual: assert.notDeepStrictEqual,
  });
  assert.strict = strict;
  strict.strict = strict;

  return assert;
})(globalThis.__codebox);
