// The `assert` module: its functions, CallTracker and assert.strict; the AssertionError and
// its messages are assertion_error.js, the quoting of a failed assert.ok is assert_source.js.
(function (host) {
  'use strict';

  const deepEqual = host.internal('deep_equal');
  const { AssertionError, isError } = host.internal('assertion_error');

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

  function innerOk(fn, argLen, value, message) {
    if (value) return;
    let generatedMessage = false;
    if (argLen === 0) {
      generatedMessage = true;
      message = 'No value argument passed to `assert.ok()`';
    } else if (message == null) {
      generatedMessage = true;
      message = host.internal('assert_source').falsyMessage(fn, fn === ok);
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
