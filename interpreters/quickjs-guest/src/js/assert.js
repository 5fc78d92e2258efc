// The `assert` module, with Node's AssertionError and messages.
(function (host) {
  'use strict';

  // ---- assert ----

  const deepEqual = host.internal('deep_equal');
  const isPrimitive = (v) => v === null || (typeof v !== 'object' && typeof v !== 'function');

  class AssertionError extends Error {
    constructor(options) {
      const { message, actual, expected, operator } = options;
      super(message !== undefined ? String(message) : defaultMessage(actual, expected, operator));
      this.generatedMessage = message === undefined;
      host.coded(this, 'ERR_ASSERTION');
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    get name() { return 'AssertionError'; }
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
    calls(fn = () => {}, exact = 1) {
      if (typeof fn === 'number') { exact = fn; fn = () => {}; }
      const record = { fn, exact, calls: [] };
      const tracker = this;
      const wrapped = function (...args) {
        record.calls.push({ thisArg: this, arguments: args });
        return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
      };
      Object.defineProperty(wrapped, 'name', { value: fn.name });
      Object.defineProperty(wrapped, 'length', { value: fn.length });
      record.wrapped = wrapped;
      tracker.#tracked.push(record);
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
    getCalls(wrapped) { return this.#find(wrapped).calls.slice(); }
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
      const message = errors.length === 1 ? errors[0].message : ['Functions were not called the expected number of times', ...errors.map((e) => e.message)].join('\n');
      throw new AssertionError({ message, details: errors });
    }
  }

  const readable = {
    strictEqual: 'Expected values to be strictly equal:',
    deepStrictEqual: 'Expected values to be strictly deep-equal:',
    deepEqual: 'Expected values to be loosely deep-equal:',
    notStrictEqual: 'Expected "actual" to be strictly unequal to:',
    notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
    equal: 'Expected values to be loosely equal:',
    notEqual: 'Expected "actual" to be loosely unequal to:',
  };
  function defaultMessage(actual, expected, operator) {
    const a = host.inspect(actual);
    const e = host.inspect(expected);
    if (operator === 'fail') return 'Failed';
    if (operator === '==') return `${a} == ${e}`;
    if (operator === '!=') return `${a} != ${e}`;
    const header = readable[operator] || `${a} ${operator} ${e}`;
    if (operator === 'strictEqual' && typeof actual !== typeof expected && isPrimitive(actual) && isPrimitive(expected)) {
      return `${header}\n\n${a} !== ${e}\n`;
    }
    if (operator === 'strictEqual' && isPrimitive(actual) && isPrimitive(expected) && typeof actual !== 'string' && !a.includes('\n') && !e.includes('\n')) {
      return `${header}\n\n${a} !== ${e}\n`;
    }
    if (operator.startsWith('not')) return a.includes('\n') ? `${header}\n\n${a}\n` : `${header} ${a}`;
    const al = a.split('\n');
    const el = e.split('\n');
    let out = `${header}\n+ actual - expected\n\n`;
    if (al.length === 1 && el.length === 1) return `${out}+ ${a}\n- ${e}`;
    const n = Math.max(al.length, el.length);
    for (let i = 0; i < n; i++) {
      if (al[i] === el[i]) out += `  ${al[i]}\n`;
      else {
        if (al[i] !== undefined) out += `+ ${al[i]}\n`;
        if (el[i] !== undefined) out += `- ${el[i]}\n`;
      }
    }
    return out.replace(/\n$/, '');
  }

  function fail(actual, expected, message, operator) {
    if (message instanceof Error) throw message;
    if (message !== undefined && (operator === 'strictEqual' || operator === 'deepStrictEqual')) {
      // Node keeps the comparison under a custom message for these two.
      const generated = defaultMessage(actual, expected, operator);
      const body = generated.slice(generated.indexOf('\n'));
      const error = new AssertionError({ message: `${message}${body}`, actual, expected, operator });
      error.generatedMessage = false;
      throw error;
    }
    throw new AssertionError({ message, actual, expected, operator });
  }

  function matches(error, expected) {
    if (expected === undefined) return true;
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && error instanceof expected) return true;
      if (Error.isPrototypeOf(expected) || expected === Error) return false;
      return expected.call({}, error) === true;
    }
    if (expected instanceof RegExp) return expected.test(String(error));
    if (typeof expected === 'object') {
      return Object.keys(expected).every((k) => (expected[k] instanceof RegExp && typeof error[k] === 'string' ? expected[k].test(error[k]) : deepEqual(error[k], expected[k], true)));
    }
    return false;
  }

  function assert(value, message) { if (!value) ok(value, message); }
  function ok(value, message) {
    if (!value) {
      throw new AssertionError({ message: message === undefined ? (arguments.length === 0 ? 'No value argument passed to `assert.ok()`' : 'The expression evaluated to a falsy value:\n\n  assert.ok(' + host.inspect(value) + ')\n') : message, actual: value, expected: true, operator: '==' });
    }
  }
  Object.assign(assert, {
    ok,
    AssertionError,
    equal: (a, e, m) => { if (!(a == e || (Number.isNaN(a) && Number.isNaN(e)))) fail(a, e, m, '=='); },
    notEqual: (a, e, m) => { if (a == e) fail(a, e, m, '!='); },
    strictEqual: (a, e, m) => { if (!Object.is(a, e)) fail(a, e, m, 'strictEqual'); },
    notStrictEqual: (a, e, m) => { if (Object.is(a, e)) fail(a, e, m, 'notStrictEqual'); },
    deepEqual: (a, e, m) => { if (!deepEqual(a, e, false)) fail(a, e, m, 'deepEqual'); },
    deepStrictEqual: (a, e, m) => { if (!deepEqual(a, e, true)) fail(a, e, m, 'deepStrictEqual'); },
    notDeepStrictEqual: (a, e, m) => { if (deepEqual(a, e, true)) fail(a, e, m, 'notDeepStrictEqual'); },
    notDeepEqual: (a, e, m) => { if (deepEqual(a, e, false)) fail(a, e, m, 'notDeepEqual'); },
    fail: (message = 'Failed') => { throw message instanceof Error ? message : new AssertionError({ message, operator: 'fail' }); },
    match: (s, re, m) => { if (!re.test(s)) fail(s, re, m ?? `The input did not match the regular expression ${host.inspect(re)}. Input:\n\n${host.inspect(s)}\n`, 'match'); },
    doesNotMatch: (s, re, m) => { if (re.test(s)) fail(s, re, m ?? `The input was expected to not match the regular expression ${host.inspect(re)}. Input:\n\n${host.inspect(s)}\n`, 'doesNotMatch'); },
    throws(fn, expected, message) {
      if (typeof expected === 'string') { message = expected; expected = undefined; }
      try {
        fn();
      } catch (e) {
        if (!matches(e, expected)) throw e;
        return;
      }
      fail(undefined, expected, message ?? 'Missing expected exception.', 'throws');
    },
    doesNotThrow(fn, expected, message) {
      try { fn(); } catch (e) { fail(e, expected, message ?? `Got unwanted exception.\nActual message: "${e && e.message}"`, 'doesNotThrow'); }
    },
    async rejects(promiseOrFn, expected, message) {
      try {
        await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
      } catch (e) {
        if (!matches(e, expected)) throw e;
        return;
      }
      fail(undefined, expected, message ?? 'Missing expected rejection.', 'rejects');
    },
    async doesNotReject(promiseOrFn, expected, message) {
      try { await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn); } catch (e) { fail(e, expected, message ?? `Got unwanted rejection.\nActual message: "${e && e.message}"`, 'doesNotReject'); }
    },
    ifError(value) {
      if (value === null || value === undefined) return;
      const shown = value instanceof Error && typeof value.message === 'string' ? value.message : host.inspect(value);
      throw new AssertionError({ message: `ifError got unwanted exception: ${shown}`, actual: value, expected: null, operator: 'ifError' });
    },
    CallTracker,
  });
  assert.strict = assert;

  return assert;
})(globalThis.__codebox);
