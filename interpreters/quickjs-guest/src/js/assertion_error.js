// Node's AssertionError and the messages it makes for a failed comparison (assert.js uses it).
(function (host) {
  'use strict';

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

  return { AssertionError, isError };
})(globalThis.__codebox);
