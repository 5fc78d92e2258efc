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
      const tracker = this;
      const wrapped = function (...args) {
        record.calls.push({ thisArg: this, arguments: args });
        return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
      };
      // The wrapper has the function's own name and length, and lacks them where it does.
      for (const key of ['name', 'length']) {
        if (Object.prototype.hasOwnProperty.call(fn, key)) Object.defineProperty(wrapped, key, { value: fn[key] });
        else delete wrapped[key];
      }
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
      // As Node: one miss is named; several are summed up in one sentence.
      const message = errors.length === 1 ? errors[0].message : 'Functions were not called the expected number of times';
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

  // doesNotThrow and doesNotReject: an error that `expected` does not describe is passed on
  // as it is; one it describes (or any, without `expected`) fails the assertion.
  function unwanted(actual, expected, message, operator) {
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    if (expected !== undefined && !matches(actual, expected)) throw actual;
    const kind = operator === 'doesNotReject' ? 'rejection' : 'exception';
    const details = message ? `: ${message}` : '.';
    throw new AssertionError({
      actual,
      expected,
      operator,
      message: `Got unwanted ${kind}${details}\nActual message: "${actual && actual.message}"`,
    });
  }

  // What rejects and doesNotReject wait for: a promise, or one returned by a function.
  class WaitError {
    constructor(error) { this.error = error; }
  }
  const isThenable = (value) => value instanceof Promise ||
    (value !== null && typeof value === 'object' && typeof value.then === 'function' && typeof value.catch === 'function');
  function settled(promiseOrFn) {
    let promise;
    if (typeof promiseOrFn === 'function') {
      // A function that throws at once fails the assertion call itself, as in Node.
      try {
        promise = promiseOrFn();
      } catch (error) {
        return Promise.reject(new WaitError(error));
      }
      if (!isThenable(promise)) {
        const message = `Expected instance of Promise to be returned from the "promiseFn" function but got ${host.specificType(promise)}.`;
        return Promise.reject(new WaitError(host.coded(new TypeError(message), 'ERR_INVALID_RETURN_VALUE')));
      }
    } else if (isThenable(promiseOrFn)) {
      promise = promiseOrFn;
    } else {
      return Promise.reject(new WaitError(host.invalidArgType('promiseFn', 'function or an instance of Promise', promiseOrFn)));
    }
    return Promise.resolve().then(() => promise);
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
      if (typeof fn !== 'function') throw host.invalidArgType('fn', 'function', fn);
      try { fn(); } catch (e) { unwanted(e, expected, message, 'doesNotThrow'); }
    },
    async rejects(promiseOrFn, expected, message) {
      if (typeof expected === 'string') { message = expected; expected = undefined; }
      try {
        await settled(promiseOrFn);
      } catch (e) {
        if (e instanceof WaitError) throw e.error;
        if (!matches(e, expected)) throw e;
        return;
      }
      fail(undefined, expected, message ?? 'Missing expected rejection.', 'rejects');
    },
    async doesNotReject(promiseOrFn, expected, message) {
      try {
        await settled(promiseOrFn);
      } catch (e) {
        if (e instanceof WaitError) throw e.error;
        unwanted(e, expected, message, 'doesNotReject');
      }
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
