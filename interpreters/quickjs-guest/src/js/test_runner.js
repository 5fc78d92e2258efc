// The `node:test` module: tests, suites, hooks, subtests and mocks, run one after another in
// the order they are declared, and reported in TAP as Node 20 reports them when stdout is not a
// terminal (a block per test, then the counts). A failed test sets the exit code to 1.
(function (host) {
  'use strict';

  const { inspect } = host;

  class TestFailure extends Error {
    constructor(message, failureType, cause) {
      super(message, cause === undefined ? undefined : { cause });
      host.coded(this, 'ERR_TEST_FAILURE');
      this.failureType = failureType;
    }
  }

  // ---- mocks ----

  class MockFunctionContext {
    #calls = [];
    #implementation;
    #restore;
    #times;
    #onceImplementations = new Map();

    constructor(implementation, restore, times) {
      this.#implementation = implementation;
      this.#restore = restore;
      this.#times = times;
    }

    get calls() { return this.#calls.slice(); }
    callCount() { return this.#calls.length; }
    mockImplementation(implementation) { this.#implementation = implementation; }
    mockImplementationOnce(implementation, onCall = this.#calls.length) {
      this.#onceImplementations.set(onCall, implementation);
    }
    resetCalls() { this.#calls = []; }
    restore() { if (this.#restore) this.#restore(); }

    // The implementation for the next call, and the record of it.
    _next() {
      const index = this.#calls.length;
      if (this.#onceImplementations.has(index)) {
        const once = this.#onceImplementations.get(index);
        this.#onceImplementations.delete(index);
        return once;
      }
      if (this.#times !== undefined && index >= this.#times) return this._original;
      return this.#implementation;
    }

    _record(call) { this.#calls.push(call); }
  }

  function mockedFunction(original, implementation, restore, times) {
    const context = new MockFunctionContext(implementation, restore, times);
    context._original = original;
    const mocked = function (...args) {
      const fn = context._next() || (() => undefined);
      const call = { arguments: args, error: undefined, result: undefined, stack: new Error(), target: new.target, this: this };
      try {
        call.result = new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
        return call.result;
      } catch (error) {
        call.error = error;
        throw error;
      } finally {
        context._record(call);
      }
    };
    Object.defineProperty(mocked, 'mock', { value: context, enumerable: false });
    Object.defineProperty(mocked, 'name', { value: original ? original.name : implementation.name });
    Object.defineProperty(mocked, 'length', { value: original ? original.length : implementation.length });
    return mocked;
  }

  class MockTracker {
    #restores = [];

    fn(original = function () {}, implementation = original, options = {}) {
      if (implementation !== null && typeof implementation === 'object') {
        options = implementation;
        implementation = original;
      }
      if (typeof original !== 'function') throw host.invalidArgType('original', 'function', original);
      return mockedFunction(original, implementation, undefined, options.times);
    }

    method(object, methodName, implementation, options = {}) {
      if (implementation !== null && typeof implementation === 'object') {
        options = implementation;
        implementation = undefined;
      }
      if (object === null || (typeof object !== 'object' && typeof object !== 'function')) {
        throw host.invalidArgType('object', 'object', object);
      }
      let owner = object;
      let descriptor;
      while (owner && !(descriptor = Object.getOwnPropertyDescriptor(owner, methodName))) {
        owner = Object.getPrototypeOf(owner);
      }
      const kind = options.getter ? 'get' : options.setter ? 'set' : 'value';
      const original = descriptor && descriptor[kind];
      if (typeof original !== 'function') {
        throw host.invalidArgType('methodName', 'function', original);
      }
      const hadOwn = Object.prototype.hasOwnProperty.call(object, methodName);
      const ownDescriptor = Object.getOwnPropertyDescriptor(object, methodName);
      const restore = () => {
        if (hadOwn) Object.defineProperty(object, methodName, ownDescriptor);
        else delete object[methodName];
      };
      const mocked = mockedFunction(original, implementation || original, restore, options.times);
      Object.defineProperty(object, methodName, { ...descriptor, [kind]: mocked, configurable: true });
      this.#restores.push(restore);
      return mocked;
    }

    getter(object, methodName, implementation, options = {}) {
      return this.method(object, methodName, implementation, { ...options, getter: true });
    }

    setter(object, methodName, implementation, options = {}) {
      return this.method(object, methodName, implementation, { ...options, setter: true });
    }

    reset() {
      this.restoreAll();
    }

    restoreAll() {
      for (const restore of this.#restores.splice(0).reverse()) restore();
    }
  }

  // ---- the test tree ----

  let nextStart = null;
  let summaryPrinted = false;
  const counts = { tests: 0, suites: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
  const started = host.now();
  let headerWritten = false;

  function write(text) {
    if (!headerWritten) {
      headerWritten = true;
      text = `TAP version 13\n${text}`;
    }
    process.stdout.write(text);
  }

  class Test {
    constructor(parent, name, options, fn, isSuite) {
      this.parent = parent;
      this.name = name;
      this.fn = fn;
      this.isSuite = isSuite;
      this.skip = options.skip;
      this.todo = options.todo;
      this.timeout = options.timeout;
      this.subtests = [];
      this.hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
      this.diagnostics = [];
      this.error = null;
      this.passed = false;
      this.depth = parent ? parent.depth + 1 : -1;
      this.location = callSite();
      this.mock = null;
      this.queue = Promise.resolve();
      this.controller = new AbortController();
    }

    get fullName() {
      return this.parent && this.parent.parent ? `${this.parent.fullName} > ${this.name}` : this.name;
    }

    // Runs this test (or suite) to its end: hooks, body, subtests, then reports it.
    async run() {
      const begin = host.now();
      if (this.skip || this.todo) {
        this.passed = true;
      } else {
        try {
          await this.runBody();
          if (this.error === null) {
            const failed = this.subtests.filter((t) => !t.passed && !t.todo).length;
            if (failed > 0) {
              this.error = new TestFailure(`${failed} subtest${failed === 1 ? '' : 's'} failed`, 'subtestsFailed');
            }
          }
        } catch (error) {
          this.error = error;
        }
        this.passed = this.error === null;
      }
      this.duration = host.now() - begin;
      if (this.mock) this.mock.restoreAll();
      this.controller.abort();
      this.count();
    }

    async runBody() {
      const eachHooks = (kind) => {
        const hooks = [];
        for (let t = this.parent; t; t = t.parent) hooks.unshift(...t.hooks[kind]);
        return kind === 'afterEach' ? hooks.reverse() : hooks;
      };
      if (this.isSuite) {
        await this.buildError;
        if (this.buildError) throw this.buildError;
        const context = new SuiteContext(this);
        for (const hook of this.hooks.before) await callHook(hook, context);
        for (const subtest of this.subtests) await subtest.run();
        for (const hook of this.hooks.after) await callHook(hook, context);
        return;
      }
      const context = new TestContext(this);
      for (const hook of eachHooks('beforeEach')) await callHook(hook, context);
      try {
        await this.withTimeout(callBody(this.fn, context));
        await this.queue;
      } catch (error) {
        this.error = error instanceof TestFailure ? error : new TestFailure(error && error.message, 'testCodeFailure', error);
        await this.queue.catch(() => {});
      }
      for (const hook of eachHooks('afterEach')) await callHook(hook, context);
      for (const hook of this.hooks.after) await callHook(hook, context);
    }

    withTimeout(promise) {
      if (this.timeout === undefined || this.timeout === Infinity) return promise;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new TestFailure(`test timed out after ${this.timeout}ms`, 'testTimeoutFailure'));
        }, this.timeout);
        promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
      });
    }

    count() {
      if (this.isSuite) {
        counts.suites++;
        return;
      }
      counts.tests++;
      if (this.skip) counts.skipped++;
      else if (this.todo) counts.todo++;
      else if (this.passed) counts.pass++;
      else counts.fail++;
      if (!this.passed && !this.todo) process.exitCode = 1;
    }

    // This test's TAP lines, with its subtests' before them.
    report(number) {
      const indent = '    '.repeat(this.depth);
      let text = `${indent}# Subtest: ${this.name}\n`;
      this.subtests.forEach((subtest, i) => { text += subtest.report(i + 1); });
      if (this.subtests.length > 0) text += `${indent}    1..${this.subtests.length}\n`;
      let directive = '';
      if (this.skip) directive = ` # SKIP${typeof this.skip === 'string' ? ` ${this.skip}` : ''}`;
      else if (this.todo) directive = ` # TODO${typeof this.todo === 'string' ? ` ${this.todo}` : ''}`;
      text += `${indent}${this.passed ? 'ok' : 'not ok'} ${number} - ${this.name}${directive}\n`;
      text += `${indent}  ---\n${indent}  duration_ms: ${this.duration.toFixed(6).replace(/\.?0+$/, '')}\n`;
      if (this.isSuite) text += `${indent}  type: 'suite'\n`;
      if (!this.passed && this.error) {
        if (this.location) text += yaml(indent, 'location', this.location);
        text += yaml(indent, 'failureType', this.error.failureType || 'testCodeFailure');
        text += errorYaml(indent, this.error);
      }
      text += `${indent}  ...\n`;
      for (const line of this.diagnostics) text += `${indent}# ${line}\n`;
      return text;
    }
  }

  async function callBody(fn, context) {
    if (typeof fn !== 'function') return;
    if (fn.length >= 2) {
      await new Promise((resolve, reject) => {
        const result = fn.call(context, context, (err) => (err ? reject(err) : resolve()));
        if (result && typeof result.then === 'function') {
          reject(new TestFailure('passed a callback but also returned a Promise', 'callbackAndPromisePresent'));
        }
      });
      return;
    }
    await fn.call(context, context);
  }

  async function callHook(hook, context) {
    try {
      await callBody(hook, context);
    } catch (error) {
      throw new TestFailure(error && error.message, 'hookFailed', error);
    }
  }

  class TestContext {
    #test;
    #assert;

    constructor(test) {
      this.#test = test;
    }

    get name() { return this.#test.name; }
    get fullName() { return this.#test.fullName; }
    get signal() { return this.#test.controller.signal; }
    // assert's functions, as they are (a failed t.assert.ok quotes its own call).
    get assert() {
      if (this.#assert === undefined) {
        const assert = host.internal('assert');
        this.#assert = { __proto__: null };
        for (const key of Object.keys(assert)) {
          if (typeof assert[key] === 'function' && key !== 'AssertionError' && key !== 'CallTracker' && key !== 'strict') {
            this.#assert[key] = assert[key];
          }
        }
      }
      return this.#assert;
    }
    get mock() {
      if (!this.#test.mock) this.#test.mock = new MockTracker();
      return this.#test.mock;
    }

    diagnostic(message) { this.#test.diagnostics.push(String(message)); }
    skip(message) { this.#test.skip = message === undefined ? true : message; }
    todo(message) { this.#test.todo = message === undefined ? true : message; }
    runOnly() {}
    plan() {}
    before(fn) { this.#test.hooks.before.push(fn); }
    after(fn) { this.#test.hooks.after.push(fn); }
    beforeEach(fn) { this.#test.hooks.beforeEach.push(fn); }
    afterEach(fn) { this.#test.hooks.afterEach.push(fn); }

    // A subtest runs after the ones before it; the test waits for all of them.
    test(name, options, fn) {
      const subtest = makeTest(this.#test, name, options, fn, false);
      const parent = this.#test;
      const run = parent.queue.then(() => subtest.run());
      parent.queue = run.catch(() => {});
      return run.then(() => undefined);
    }
  }

  class SuiteContext {
    #suite;

    constructor(suite) {
      this.#suite = suite;
    }

    get name() { return this.#suite.name; }
    get signal() { return this.#suite.controller.signal; }
  }

  const root = new Test(null, '<root>', {}, null, true);
  let current = root;
  let running = null;

  function makeTest(parent, name, options, fn, isSuite) {
    if (typeof name === 'function') {
      fn = name;
      options = {};
      name = fn.name || '<anonymous>';
    } else if (name !== null && typeof name === 'object') {
      fn = options;
      options = name;
      name = (typeof fn === 'function' && fn.name) || '<anonymous>';
    }
    if (typeof options === 'function') {
      fn = options;
      options = {};
    }
    if (options == null) options = {};
    if (typeof options !== 'object') throw host.invalidArgType('options', 'object', options);
    checkOptions(options);
    if (name === undefined) name = (typeof fn === 'function' && fn.name) || '<anonymous>';
    if (fn !== undefined && typeof fn !== 'function') throw host.invalidArgType('fn', 'function', fn);
    const test = new Test(parent, String(name), options, fn, isSuite);
    parent.subtests.push(test);
    if (isSuite) {
      // A suite's function runs at once, to declare what the suite holds.
      const previous = current;
      current = test;
      try {
        const result = typeof fn === 'function' ? fn.call(new SuiteContext(test), new SuiteContext(test)) : undefined;
        if (result && typeof result.then === 'function') {
          test.buildError = result.then(() => null, (error) => new TestFailure(error && error.message, 'testCodeFailure', error));
        } else {
          test.buildError = null;
        }
      } catch (error) {
        test.buildError = new TestFailure(error && error.message, 'testCodeFailure', error);
      } finally {
        current = previous;
      }
    }
    return test;
  }

  const outOfRange = (name, range, value) => host.coded(
    new RangeError(`The value of "${name}" is out of range. It must be ${range}. Received ${host.inspect(value)}`),
    'ERR_OUT_OF_RANGE');

  // Node's checks of a test's options: `timeout` a number from 0 to 2 ** 32 - 1 (or
  // Infinity), `concurrency` a boolean or a whole number from 1 to 2 ** 32 - 1.
  function checkOptions({ timeout, concurrency }) {
    if (timeout != null && timeout !== Infinity) {
      if (typeof timeout !== 'number') throw host.invalidArgType('options.timeout', 'number', timeout);
      if (!(timeout >= 0 && timeout <= 2 ** 32 - 1)) throw outOfRange('options.timeout', '>= 0 && <= 4294967295', timeout);
    }
    if (concurrency != null && typeof concurrency !== 'boolean') {
      if (typeof concurrency !== 'number') throw host.invalidArgType('options.concurrency', 'number', concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 2 ** 32 - 1) {
        throw outOfRange('options.concurrency', '>= 1 && <= 4294967295', concurrency);
      }
    }
  }

  // Top-level tests run one after another, starting after the main module has run; each is
  // reported as it ends, and the counts when the event loop has nothing else to do.
  function declare(name, options, fn, isSuite, overrides) {
    if (current !== root) {
      const test = makeTest(current, name, options, fn, isSuite);
      Object.assign(test, overrides);
      return Promise.resolve();
    }
    const test = makeTest(root, name, options, fn, isSuite);
    Object.assign(test, overrides);
    const number = root.subtests.length;
    if (nextStart === null) {
      nextStart = new Promise((resolve) => setImmediate(resolve));
      process.on('beforeExit', finish);
    }
    running = (running || nextStart).then(async () => {
      await test.run();
      write(test.report(number));
    });
    return running.then(() => undefined);
  }

  function finish() {
    if (summaryPrinted || running === null) return;
    summaryPrinted = true;
    let text = `1..${root.subtests.length}\n`;
    text += `# tests ${counts.tests}\n# suites ${counts.suites}\n# pass ${counts.pass}\n# fail ${counts.fail}\n`;
    text += `# cancelled ${counts.cancelled}\n# skipped ${counts.skipped}\n# todo ${counts.todo}\n`;
    text += `# duration_ms ${(host.now() - started).toFixed(6).replace(/\.?0+$/, '')}\n`;
    write(text);
  }

  // Where the test was declared: the first frame outside this module.
  function callSite() {
    const stack = new Error().stack || '';
    for (const line of stack.split('\n')) {
      const match = /\(?((?:\/|file:)[^()]+):(\d+):(\d+)\)?$/.exec(line.trim());
      if (match && !line.includes('node:internal')) return `${match[1]}:${match[2]}:${match[3]}`;
    }
    return undefined;
  }

  function yaml(indent, name, value) {
    const prefix = `${indent}  ${name}:`;
    if (value === undefined) return '';
    if (value === null) return `${prefix} ~\n`;
    if (typeof value !== 'object') {
      if (typeof value === 'string') {
        const lines = value.split(/\r?\n/);
        if (lines.length > 1) return `${prefix} |-\n${lines.map((l) => `${indent}    ${l}`).join('\n')}\n`;
      }
      return `${prefix} ${inspect(value, { colors: false, breakLength: Infinity })}\n`;
    }
    let text = `${prefix}\n`;
    for (const [key, entry] of Object.entries(value)) text += yaml(`${indent}  `, key, entry);
    return text;
  }

  function errorYaml(indent, error) {
    let source = error;
    let code = error.code;
    let assertion = false;
    if (error instanceof TestFailure && error.cause !== undefined &&
        ['testCodeFailure', 'hookFailed'].includes(error.failureType)) {
      source = error.cause;
      if (source && source.code !== undefined) code = source.code;
      assertion = !!(source && source.name === 'AssertionError');
    }
    const isObject = source !== null && typeof source === 'object';
    let text = yaml(indent, 'error', isObject && source.message !== undefined ? source.message : String(source));
    if (code) text += yaml(indent, 'code', code);
    const name = isObject ? source.name : undefined;
    if (name && name !== 'Error') text += yaml(indent, 'name', name);
    if (assertion) {
      text += yaml(indent, 'expected', source.expected);
      text += yaml(indent, 'actual', source.actual);
      if (source.operator) text += yaml(indent, 'operator', source.operator);
    }
    const frames = (isObject && typeof source.stack === 'string' ? source.stack : '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('at '))
      .map((line) => line.slice(3));
    if (frames.length > 0) text += `${indent}  stack: |-\n${frames.map((f) => `${indent}    ${f}`).join('\n')}\n`;
    return text;
  }

  // ---- the module ----

  function variant(isSuite, overrides) {
    return (name, options, fn) => declare(name, options, fn, isSuite, overrides);
  }
  function withVariants(isSuite) {
    const fn = variant(isSuite, {});
    fn.skip = variant(isSuite, { skip: true });
    fn.todo = variant(isSuite, { todo: true });
    fn.only = variant(isSuite, {});
    return fn;
  }
  const test = withVariants(false);
  const describe = withVariants(true);
  const hook = (kind) => (fn) => { current.hooks[kind].push(fn); };
  const mock = new MockTracker();
  Object.assign(test, {
    test,
    it: test,
    describe,
    suite: describe,
    before: hook('before'),
    after: hook('after'),
    beforeEach: hook('beforeEach'),
    afterEach: hook('afterEach'),
    mock,
  });
  return test;
})(globalThis.__codebox);
