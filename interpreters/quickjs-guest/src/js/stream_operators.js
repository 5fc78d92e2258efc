// The stream operators of Node 20 (map, filter, forEach, toArray, some, every, find, reduce,
// flatMap, drop, take, asIndexedPairs) on Readable.prototype, and `await using` for streams.
// stream.js gives it the classes and `finished`.
(function (host) {
  'use strict';

  return function streamOperators({
    Readable,
    Writable,
    AbortController,
    AbortError,
    AbortSignal,
    errors,
    nop,
    finished,
    finishedPromise,
  }) {

    const kEmpty = Symbol('kEmpty');
    const kEof = Symbol('kEof');

    function checkFunction(fn, name) {
      if (typeof fn !== 'function') throw host.invalidArgType(name, 'function or an instance of AsyncFunction', fn);
    }

    function checkOptions(options) {
      if (options != null && (typeof options !== 'object' || Array.isArray(options))) {
        throw host.invalidArgType('options', 'object', options);
      }
      if (options && options.signal != null && !(options.signal instanceof AbortSignal)) {
        throw host.invalidArgType('options.signal', 'an instance of AbortSignal', options.signal);
      }
    }

    function checkInteger(value, name, min) {
      if (typeof value !== 'number') throw host.invalidArgType(name, 'number', value);
      if (!Number.isInteger(value)) throw errors.outOfRange(name, 'an integer', value);
      if (value < min || value > Number.MAX_SAFE_INTEGER) {
        throw errors.outOfRange(name, `>= ${min} && <= ${Number.MAX_SAFE_INTEGER}`, value);
      }
    }

    // Runs `fn` over the stream's values, up to `concurrency` at a time, with at most
    // `highWaterMark` finished results waiting; yields the results in the values' order.
    function map(fn, options) {
      checkFunction(fn, 'fn');
      checkOptions(options);
      let concurrency = 1;
      if (options && options.concurrency != null) concurrency = Math.floor(options.concurrency);
      let highWaterMark = concurrency - 1;
      if (options && options.highWaterMark != null) highWaterMark = Math.floor(options.highWaterMark);
      checkInteger(concurrency, 'options.concurrency', 1);
      checkInteger(highWaterMark, 'options.highWaterMark', 0);
      highWaterMark += concurrency;
      const stream = this;
      return (async function* map() {
        const controller = new AbortController();
        const signal = controller.signal;
        const outer = options && options.signal;
        const abort = () => controller.abort();
        if (outer) {
          if (outer.aborted) abort();
          else outer.addEventListener('abort', abort, { once: true });
        }
        const signalOption = { signal };
        let next;
        let resume;
        let done = false;
        let running = 0;
        const queue = [];
        function onCatch() {
          done = true;
          afterItemProcessed();
        }
        function afterItemProcessed() {
          running -= 1;
          maybeResume();
        }
        function maybeResume() {
          if (resume && !done && running < concurrency && queue.length < highWaterMark) {
            resume();
            resume = null;
          }
        }
        async function pump() {
          try {
            for await (let value of stream) {
              if (done) return;
              if (signal.aborted) throw new AbortError();
              try {
                value = fn(value, signalOption);
                if (value === kEmpty) continue;
                value = Promise.resolve(value);
              } catch (err) {
                value = Promise.reject(err);
              }
              running += 1;
              value.then(afterItemProcessed, onCatch);
              queue.push(value);
              if (next) {
                next();
                next = null;
              }
              if (!done && (queue.length >= highWaterMark || running >= concurrency)) {
                await new Promise((resolve) => { resume = resolve; });
              }
            }
            queue.push(kEof);
          } catch (err) {
            const value = Promise.reject(err);
            value.then(afterItemProcessed, onCatch);
            queue.push(value);
          } finally {
            done = true;
            if (next) {
              next();
              next = null;
            }
          }
        }
        pump();
        try {
          while (true) {
            while (queue.length > 0) {
              const value = await queue[0];
              if (value === kEof) return;
              if (signal.aborted) throw new AbortError();
              if (value !== kEmpty) yield value;
              queue.shift();
              maybeResume();
            }
            await new Promise((resolve) => { next = resolve; });
          }
        } finally {
          done = true;
          if (resume) {
            resume();
            resume = null;
          }
          if (outer) outer.removeEventListener('abort', abort);
          controller.abort();
        }
      })();
    }

    function filter(fn, options) {
      checkFunction(fn, 'fn');
      async function filterFn(value, opts) {
        if (await fn(value, opts)) return value;
        return kEmpty;
      }
      return map.call(this, filterFn, options);
    }

    async function forEach(fn, options) {
      checkFunction(fn, 'fn');
      async function forEachFn(value, opts) {
        await fn(value, opts);
        return kEmpty;
      }
      // Every value is kEmpty: only the iteration matters.
      const values = map.call(this, forEachFn, options);
      while (!(await values.next()).done);
    }

    async function toArray(options) {
      checkOptions(options);
      const result = [];
      for await (const value of this) {
        if (options && options.signal && options.signal.aborted) {
          throw new AbortError(undefined, { cause: options.signal.reason });
        }
        result.push(value);
      }
      return result;
    }

    async function some(fn, options) {
      const matches = filter.call(this, fn, options);
      const first = await matches.next();
      if (!first.done) await matches.return();
      return !first.done;
    }

    async function every(fn, options) {
      checkFunction(fn, 'fn');
      return !(await some.call(this, async (...args) => !(await fn(...args)), options));
    }

    async function find(fn, options) {
      for await (const result of filter.call(this, fn, options)) return result;
      return undefined;
    }

    async function reduce(reducer, initialValue, options) {
      checkFunction(reducer, 'reducer');
      checkOptions(options);
      let hasInitialValue = arguments.length > 1;
      const signal = options && options.signal;
      if (signal && signal.aborted) {
        const error = new AbortError(undefined, { cause: signal.reason });
        this.once('error', nop);
        await finishedPromise(this.destroy(error));
        throw error;
      }
      const controller = new AbortController();
      const abort = () => controller.abort();
      if (signal) signal.addEventListener('abort', abort, { once: true });
      let gotAnyItemFromStream = false;
      try {
        for await (const value of this) {
          gotAnyItemFromStream = true;
          if (signal && signal.aborted) throw new AbortError();
          if (!hasInitialValue) {
            initialValue = value;
            hasInitialValue = true;
          } else {
            initialValue = await reducer(initialValue, value, { signal: controller.signal });
          }
        }
        if (!gotAnyItemFromStream && !hasInitialValue) {
          const error = errors.missingArgs('reduce');
          error.message = 'Reduce of an empty stream requires an initial value';
          throw error;
        }
      } finally {
        controller.abort();
        if (signal) signal.removeEventListener('abort', abort);
      }
      return initialValue;
    }

    function flatMap(fn, options) {
      const values = map.call(this, fn, options);
      return (async function* flatMap() {
        for await (const value of values) yield* value;
      })();
    }

    function toIntegerOrInfinity(number) {
      number = Number(number);
      if (Number.isNaN(number)) return 0;
      if (number < 0) throw errors.outOfRange('number', '>= 0', number);
      return number;
    }

    function drop(number, options) {
      checkOptions(options);
      number = toIntegerOrInfinity(number);
      const stream = this;
      return (async function* drop() {
        const signal = options && options.signal;
        if (signal && signal.aborted) throw new AbortError();
        for await (const value of stream) {
          if (signal && signal.aborted) throw new AbortError();
          if (number-- <= 0) yield value;
        }
      })();
    }

    function take(number, options) {
      checkOptions(options);
      number = toIntegerOrInfinity(number);
      const stream = this;
      return (async function* take() {
        const signal = options && options.signal;
        if (signal && signal.aborted) throw new AbortError();
        if (number <= 0) return;
        for await (const value of stream) {
          if (signal && signal.aborted) throw new AbortError();
          if (number-- > 0) yield value;
          if (number <= 0) return;
        }
      })();
    }

    function asIndexedPairs(options) {
      checkOptions(options);
      const stream = this;
      return (async function* asIndexedPairs() {
        let index = 0;
        for await (const value of stream) {
          if (options && options.signal && options.signal.aborted) throw new AbortError();
          yield [index++, value];
        }
      })();
    }

    // Operators that give a stream, and those that give a promise, with Node's names and lengths.
    const operatorLengths = {
      asIndexedPairs: 0, drop: 1, filter: 2, flatMap: 2, map: 2, take: 1,
      every: 1, find: 2, forEach: 2, reduce: 3, some: 1, toArray: 1,
    };
    const defineOperator = (name, fn) => {
      Object.defineProperty(fn, 'name', { value: name });
      Object.defineProperty(fn, 'length', { value: operatorLengths[name] });
      Object.defineProperty(Readable.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
    };
    // An operator is not a constructor: `new` refuses it as Node's does.
    const illegalConstructor = () => host.coded(new TypeError('Illegal constructor'), 'ERR_ILLEGAL_CONSTRUCTOR');
    for (const [name, op] of Object.entries({ asIndexedPairs, drop, filter, flatMap, map, take })) {
      defineOperator(name, function (...args) {
        if (new.target) throw illegalConstructor();
        return Readable.from(Reflect.apply(op, this, args));
      });
    }
    for (const [name, op] of Object.entries({ every, find, forEach, reduce, some, toArray })) {
      defineOperator(name, function (...args) {
        if (new.target) throw illegalConstructor();
        return Reflect.apply(op, this, args);
      });
    }

    // `await using` a stream destroys it (with an AbortError unless it ended) and waits for it.
    Readable.prototype[Symbol.asyncDispose] = function () {
      let error;
      if (!this.destroyed) {
        error = this.readableEnded ? null : new AbortError();
        this.destroy(error);
      }
      return new Promise((resolve, reject) =>
        finished(this, (err) => (err && err !== error ? reject(err) : resolve(null))));
    };

    Writable.prototype[Symbol.asyncDispose] = function () {
      let error;
      if (!this.destroyed) {
        error = this.writableFinished ? null : new AbortError();
        this.destroy(error);
      }
      return new Promise((resolve, reject) =>
        finished(this, (err) => (err && err.name !== 'AbortError' ? reject(err) : resolve(null))));
    };
  };
})(globalThis.__codebox);
