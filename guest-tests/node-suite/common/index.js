// The `common` module Node's own test files import (`require('../common')`), written for
// codebox: the helpers the files of `test/parallel` use for the modules the guest claims, and
// nothing that needs processes, a network, internals or a particular platform. The same shim
// runs under the real `node` when the suite is surveyed, so a file that needs more than this
// fails there too and is listed as not applicable.
'use strict';

const assert = require('assert');
const { inspect } = require('util');

const noop = () => {};
const callChecks = [];

// The counts are checked when the process exits normally: a test that stops early has already
// failed for its own reason, and its exit code says so.
process.on('exit', (code) => {
  if (code !== 0) return;
  const failed = callChecks.filter((check) =>
    check.minimum !== undefined ? check.actual < check.minimum : check.actual !== check.exact);
  for (const check of failed) {
    const expected = check.minimum !== undefined
      ? `at least ${check.minimum}` : `exactly ${check.exact}`;
    console.log(`Mismatched ${check.name} function calls. Expected ${expected}, ` +
      `actual ${check.actual}.`);
    console.log(check.stack.split('\n').slice(2).join('\n'));
  }
  if (failed.length > 0) process.exit(1);
});

function countedCall(fn, field, count) {
  if (typeof fn === 'number') {
    count = fn;
    fn = noop;
  } else if (fn === undefined) {
    fn = noop;
  }
  if (count === undefined) count = 1;
  const check = {
    name: fn.name || '<anonymous>',
    actual: 0,
    stack: new Error().stack || '',
    [field]: count,
  };
  callChecks.push(check);
  const counted = function(...args) {
    check.actual++;
    return fn.apply(this, args);
  };
  Object.defineProperty(counted, 'length', { value: fn.length });
  Object.defineProperty(counted, 'name', { value: fn.name });
  return counted;
}

/** `fn`, which must be called exactly `exact` times (once by default) before the exit. */
function mustCall(fn, exact) {
  return countedCall(fn, 'exact', exact);
}

/** `fn`, which must be called at least `minimum` times (once by default). */
function mustCallAtLeast(fn, minimum) {
  return countedCall(fn, 'minimum', minimum);
}

/** A function that fails the test if it is ever called. */
function mustNotCall(message) {
  const site = new Error().stack.split('\n').slice(2, 3).join('').trim();
  return function mustNotCall(...args) {
    const shown = args.length > 0
      ? `\ncalled with arguments: ${args.map((a) => inspect(a)).join(', ')}` : '';
    assert.fail(`${message || 'function should not have been called'} at ${site}${shown}`);
  };
}

/** A callback that must be called with no error, `exact` times; `fn` gets the rest. */
function mustSucceed(fn, exact) {
  return mustCall(function(err, ...args) {
    assert.ifError(err);
    if (typeof fn === 'function') return fn.apply(this, args);
  }, exact);
}

/** A callback that must receive an error matching `validator` (as `assert.throws` takes it). */
function expectsError(validator, exact) {
  return mustCall((...args) => {
    if (args.length !== 1) {
      assert.fail(`Expected one argument, got ${inspect(args)}`);
    }
    const error = args[0];
    assert.throws(() => { throw error; }, validator);
    return true;
  }, exact);
}

let warningChecks;

/**
 * Expects warnings: `expectWarning(name, messages, code)` or `expectWarning({ name: messages })`,
 * where messages are strings, `[message, code]` pairs, or a list of those.
 */
function expectWarning(nameOrMap, expected, code) {
  if (warningChecks === undefined) {
    warningChecks = new Map();
    process.on('warning', (warning) => {
      const queue = warningChecks.get(warning.name);
      assert.ok(queue, `unexpected ${warning.name}: ${warning.message}`);
      assert.ok(queue.length > 0, `one ${warning.name} too many: ${warning.message}`);
      const [message, expectedCode] = queue.shift();
      if (typeof message === 'string') {
        assert.strictEqual(warning.message, message);
      } else {
        assert.match(warning.message, message);
      }
      assert.strictEqual(warning.code, expectedCode);
    });
    process.on('exit', (code) => {
      if (code !== 0) return;
      for (const [name, queue] of warningChecks) {
        assert.strictEqual(queue.length, 0, `${name}: ${queue.length} warnings never came`);
      }
    });
  }
  const add = (name, messages, code) => {
    if (!Array.isArray(messages)) messages = [[messages, code]];
    else if (typeof messages[0] === 'string' && messages.length === 2 &&
             (messages[1] === undefined || /^[A-Z0-9_]+$/.test(messages[1]))) {
      messages = [messages];
    }
    const queue = warningChecks.get(name) || [];
    for (const entry of messages) {
      queue.push(Array.isArray(entry) ? entry : [entry, undefined]);
    }
    warningChecks.set(name, queue);
  };
  if (typeof nameOrMap === 'string') {
    add(nameOrMap, expected, code);
  } else {
    for (const [name, messages] of Object.entries(nameOrMap)) add(name, messages);
  }
}

/** The " Received ..." tail of Node's ERR_INVALID_ARG_TYPE messages, for `input`. */
function invalidArgTypeHelper(input) {
  if (input == null) return ` Received ${input}`;
  if (typeof input === 'function') return ` Received function ${input.name}`;
  if (typeof input === 'object') {
    if (input.constructor && input.constructor.name) {
      return ` Received an instance of ${input.constructor.name}`;
    }
    return ` Received ${inspect(input, { depth: -1 })}`;
  }
  let shown = inspect(input, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof input} (${shown})`;
}

/** Every kind of ArrayBufferView over the bytes of `buf`. */
function getArrayBufferViews(buf) {
  const { buffer, byteOffset, byteLength } = buf;
  const kinds = [
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
    Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView,
  ];
  const views = [];
  for (const Kind of kinds) {
    const size = Kind.BYTES_PER_ELEMENT || 1;
    if (byteLength % size === 0) {
      views.push(new Kind(buffer, byteOffset, byteLength / size));
    }
  }
  return views;
}

/** The ArrayBuffer views of `buf` and its ArrayBuffer itself. */
function getBufferSources(buf) {
  return [...getArrayBufferViews(buf), new Uint8Array(buf).buffer];
}

/** Ends the test as skipped: the runner counts it as not applicable, not as passed. */
function skip(message) {
  printSkipMessage(message);
  process.exit(0);
}

function printSkipMessage(message) {
  console.log(`1..0 # Skipped: ${message}`);
}

const isDumbTerminal = process.env.TERM === 'dumb';

module.exports = {
  allowGlobals: noop,
  canCreateSymLink: () => false,
  // A run has at most 512 MiB here, less than Node's own tests count on for their big cases.
  enoughTestMem: false,
  expectsError,
  expectWarning,
  getArrayBufferViews,
  getBufferSources,
  hasCrypto: false,
  hasIntl: typeof Intl === 'object',
  hasIPv6: false,
  invalidArgTypeHelper,
  isAIX: false,
  isDumbTerminal,
  isFreeBSD: false,
  isIBMi: false,
  isLinux: process.platform === 'linux',
  isMainThread: true,
  isOSX: false,
  isOpenBSD: false,
  isSunOS: false,
  isWindows: false,
  mustCall,
  mustCallAtLeast,
  mustNotCall,
  mustSucceed,
  platformTimeout: (ms) => ms,
  printSkipMessage,
  skip,
  skipIf32Bits: noop,
  skipIfDumbTerminal() {
    if (isDumbTerminal) skip('skipping - dumb terminal');
  },
  skipIfInspectorDisabled: () => skip('the inspector is not available'),
};
