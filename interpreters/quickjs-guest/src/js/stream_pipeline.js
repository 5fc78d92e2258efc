// `finished`, `pipeline` and `addAbortSignal`, and their promise forms (`stream/promises`):
// how streams are watched to their end and joined. stream.js gives it the classes and the
// predicates it builds on, and takes back what it makes.
(function (host) {
  'use strict';

  return function streamPipeline({
    Readable,
    Duplex,
    PassThrough,
    AbortError,
    errors,
    nop,
    aggregateTwoErrors,
    destroyer,
    erroredOf,
    isClosed,
    isIterable,
    isNodeStream,
    isReadable,
    isReadableFinished,
    isReadableNodeStream,
    isWritable,
    isWritableFinished,
    isWritableNodeStream,
    willEmitClose,
  }) {

    function once(callback) {
      let called = false;
      return function (...args) {
        if (called) return;
        called = true;
        return Reflect.apply(callback, this, args);
      };
    }

    function finished(stream, options, callback) {
      if (arguments.length === 2) {
        callback = options;
        options = {};
      } else if (options == null) {
        options = {};
      } else if (typeof options !== 'object') {
        throw host.invalidArgType('options', 'object', options);
      }
      if (typeof callback !== 'function') throw host.invalidArgType('callback', 'function', callback);
      if (!isNodeStream(stream)) {
        throw host.invalidArgType('stream', 'ReadableStream, WritableStream, or Stream', stream);
      }
      callback = once(callback);
      const readable = options.readable != null ? options.readable : isReadableNodeStream(stream);
      const writable = options.writable != null ? options.writable : isWritableNodeStream(stream);
      const w = stream._writableState;
      const r = stream._readableState;
      const onlegacyfinish = () => {
        if (!stream.writable) onfinish();
      };
      let emitsClose = willEmitClose(stream) && isReadableNodeStream(stream) === readable &&
        isWritableNodeStream(stream) === writable;
      let writableFinished = isWritableFinished(stream, false);
      const onfinish = () => {
        writableFinished = true;
        if (stream.destroyed) emitsClose = false;
        if (emitsClose && (!stream.readable || readable)) return;
        if (!readable || readableFinished) callback.call(stream);
      };
      let readableFinished = isReadableFinished(stream, false);
      const onend = () => {
        readableFinished = true;
        if (stream.destroyed) emitsClose = false;
        if (emitsClose && (!stream.writable || writable)) return;
        if (!writable || writableFinished) callback.call(stream);
      };
      const onerror = (err) => {
        callback.call(stream, err);
      };
      let closed = isClosed(stream);
      const onclose = () => {
        closed = true;
        const errored = erroredOf(stream);
        if (errored && typeof errored !== 'boolean') return callback.call(stream, errored);
        if (readable && !readableFinished && isReadableNodeStream(stream, true)) {
          if (!isReadableFinished(stream, false)) return callback.call(stream, errors.prematureClose());
        }
        if (writable && !writableFinished) {
          if (!isWritableFinished(stream, false)) return callback.call(stream, errors.prematureClose());
        }
        callback.call(stream);
      };
      const onclosed = () => {
        closed = true;
        const errored = erroredOf(stream);
        if (errored && typeof errored !== 'boolean') return callback.call(stream, errored);
        callback.call(stream);
      };
      if (writable && !w) {
        stream.on('end', onlegacyfinish);
        stream.on('close', onlegacyfinish);
      }
      if (!emitsClose && typeof stream.aborted === 'boolean') stream.on('aborted', onclose);
      stream.on('end', onend);
      stream.on('finish', onfinish);
      if (options.error !== false) stream.on('error', onerror);
      stream.on('close', onclose);
      if (closed) {
        process.nextTick(onclose);
      } else if ((w && w.errorEmitted) || (r && r.errorEmitted)) {
        if (!emitsClose) process.nextTick(onclosed);
      } else if (!readable && (!emitsClose || isReadable(stream)) &&
                 (writableFinished || isWritable(stream) === false) &&
                 (!w || w.pendingcb === undefined || w.pendingcb === 0)) {
        process.nextTick(onclosed);
      } else if (!writable && (!emitsClose || isWritable(stream)) &&
                 (readableFinished || isReadable(stream) === false)) {
        process.nextTick(onclosed);
      }
      const cleanup = () => {
        callback = nop;
        stream.removeListener('aborted', onclose);
        stream.removeListener('end', onlegacyfinish);
        stream.removeListener('close', onlegacyfinish);
        stream.removeListener('end', onend);
        stream.removeListener('finish', onfinish);
        stream.removeListener('error', onerror);
        stream.removeListener('close', onclose);
      };
      if (options.signal && !closed) {
        const abort = () => {
          const endCallback = callback;
          cleanup();
          endCallback.call(stream, new AbortError(undefined, { cause: options.signal.reason }));
        };
        if (options.signal.aborted) {
          process.nextTick(abort);
        } else {
          const originalCallback = callback;
          options.signal.addEventListener('abort', abort, { once: true });
          callback = once((...args) => {
            options.signal.removeEventListener('abort', abort);
            originalCallback.apply(stream, args);
          });
        }
      }
      return cleanup;
    }

    function finishedPromise(stream, options) {
      let autoCleanup = false;
      if (options && options.cleanup !== undefined) {
        if (typeof options.cleanup !== 'boolean') throw host.invalidArgType('cleanup', 'boolean', options.cleanup);
        autoCleanup = options.cleanup;
      }
      return new Promise((resolve, reject) => {
        const cleanup = finished(stream, options, (err) => {
          if (autoCleanup) cleanup();
          if (err) reject(err);
          else resolve();
        });
      });
    }

    function addAbortSignal(signal, stream) {
      if (!signal || typeof signal !== 'object' || !('aborted' in signal)) {
        throw host.invalidArgType('signal', 'an instance of AbortSignal', signal);
      }
      if (!isNodeStream(stream)) {
        throw host.invalidArgType('stream', 'an instance of Stream', stream);
      }
      const onAbort = () => {
        stream.destroy(new AbortError(undefined, { cause: signal.reason }));
      };
      if (signal.aborted) {
        onAbort();
      } else {
        signal.addEventListener('abort', onAbort, { once: true });
        finished(stream, () => signal.removeEventListener('abort', onAbort));
      }
      return stream;
    }

    function pipeline(...streams) {
      const callback = typeof streams[streams.length - 1] === 'function' ? streams.pop() : null;
      if (callback === null) throw host.invalidArgType('streams[stream.length - 1]', 'function', streams[streams.length - 1]);
      return pipelineImpl(streams, callback);
    }

    // Destroys `stream` when the pipeline fails, unless it has finished by itself.
    function pipelineDestroyer(stream, reading, writing) {
      let done = false;
      stream.on('close', () => { done = true; });
      const cleanup = finished(stream, { readable: reading, writable: writing }, (err) => {
        done = !err;
      });
      return {
        destroy: (err) => {
          if (done) return;
          done = true;
          destroyer(stream, err || errors.destroyed('pipe'));
        },
        cleanup,
      };
    }

    function makeAsyncIterable(value) {
      if (isIterable(value)) return value;
      if (isReadableNodeStream(value)) return fromReadable(value);
      throw host.invalidArgType('val', 'Readable, Iterable, or AsyncIterable', value);
    }

    async function* fromReadable(value) {
      yield* Readable.prototype[Symbol.asyncIterator].call(value);
    }

    async function pumpToNode(iterable, writable, finish, { end }) {
      let error;
      let onresolve = null;
      const resume = (err) => {
        if (err) error = err;
        if (onresolve) {
          const callback = onresolve;
          onresolve = null;
          callback();
        }
      };
      const wait = () => new Promise((resolve, reject) => {
        if (error) {
          reject(error);
        } else {
          onresolve = () => {
            if (error) reject(error);
            else resolve();
          };
        }
      });
      writable.on('drain', resume);
      const cleanup = finished(writable, { readable: false }, resume);
      try {
        if (writable.writableNeedDrain) await wait();
        for await (const chunk of iterable) {
          if (!writable.write(chunk)) await wait();
        }
        if (end) {
          writable.end();
          await wait();
        }
        finish();
      } catch (err) {
        finish(error !== err ? aggregateTwoErrors(error, err) : err);
      } finally {
        cleanup();
        writable.off('drain', resume);
      }
    }

    function pipelineImpl(streams, callback, options) {
      if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
      if (streams.length < 2) throw errors.missingArgs('streams');
      const outerSignal = options && options.signal;
      const lastStreamCleanup = [];
      let error;
      let value;
      const destroys = [];
      let finishCount = 0;
      function finish(err) {
        finishImpl(err, --finishCount === 0);
      }
      function finishImpl(err, final) {
        if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err;
        if (!error && !final) return;
        while (destroys.length) destroys.shift()(error);
        if (outerSignal) outerSignal.removeEventListener('abort', abort);
        if (final) {
          if (!error) lastStreamCleanup.forEach((fn) => fn());
          process.nextTick(callback, error, value);
        }
      }
      function abort() {
        finishImpl(new AbortError(undefined, { cause: outerSignal.reason }));
      }
      if (outerSignal) {
        if (outerSignal.aborted) process.nextTick(abort);
        else outerSignal.addEventListener('abort', abort);
      }
      const signal = outerSignal;
      let ret;
      for (let i = 0; i < streams.length; i++) {
        const stream = streams[i];
        const reading = i < streams.length - 1;
        const writing = i > 0;
        const end = reading || !options || options.end !== false;
        const isLastStream = i === streams.length - 1;
        if (isNodeStream(stream)) {
          if (end) {
            const { destroy, cleanup } = pipelineDestroyer(stream, reading, writing);
            destroys.push(destroy);
            if (isReadable(stream) && isLastStream) lastStreamCleanup.push(cleanup);
          }
          // The pipeline reports a stream's error; this keeps it from being thrown as well.
          const onError = (err) => {
            if (err && err.name !== 'AbortError' && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') finish(err);
          };
          stream.on('error', onError);
          if (isReadable(stream) && isLastStream) {
            lastStreamCleanup.push(() => stream.removeListener('error', onError));
          }
        }
        if (i === 0) {
          if (typeof stream === 'function') {
            ret = stream({ signal });
            if (!isIterable(ret)) throw errors.invalidReturn('Iterable, AsyncIterable or Stream', 'source', ret);
          } else if (isIterable(stream) || isReadableNodeStream(stream)) {
            ret = stream;
          } else {
            ret = Duplex.from(stream);
          }
        } else if (typeof stream === 'function') {
          ret = stream(makeAsyncIterable(ret), { signal });
          if (reading) {
            if (!isIterable(ret, true)) throw errors.invalidReturn('AsyncIterable', `transform[${i - 1}]`, ret);
          } else {
            const pt = new PassThrough({ objectMode: true });
            const then = ret && ret.then;
            if (typeof then === 'function') {
              finishCount++;
              then.call(ret, (val) => {
                value = val;
                if (val != null) pt.write(val);
                if (end) pt.end();
                process.nextTick(finish);
              }, (err) => {
                pt.destroy(err);
                process.nextTick(finish, err);
              });
            } else if (isIterable(ret, true)) {
              finishCount++;
              pumpToNode(ret, pt, finish, { end });
            } else {
              throw errors.invalidReturn('AsyncIterable or Promise', 'destination', ret);
            }
            ret = pt;
            const { destroy, cleanup } = pipelineDestroyer(ret, false, true);
            destroys.push(destroy);
            if (isLastStream) lastStreamCleanup.push(cleanup);
          }
        } else if (isNodeStream(stream)) {
          if (isReadableNodeStream(ret)) {
            finishCount += 2;
            const cleanup = pipe(ret, stream, finish, { end });
            if (isReadable(stream) && isLastStream) lastStreamCleanup.push(cleanup);
          } else if (isIterable(ret)) {
            finishCount++;
            pumpToNode(ret, stream, finish, { end });
          } else {
            throw host.invalidArgType('val', 'Readable, Iterable, AsyncIterable, ReadableStream, or TransformStream', ret);
          }
          ret = stream;
        } else {
          ret = Duplex.from(stream);
        }
      }
      if ((signal && signal.aborted) || (outerSignal && outerSignal.aborted)) process.nextTick(abort);
      return ret;
    }

    function pipe(src, dst, finish, { end }) {
      let ended = false;
      dst.on('close', () => {
        if (!ended) finish(errors.prematureClose());
      });
      src.pipe(dst, { end: false });
      if (end) {
        const endFn = () => {
          ended = true;
          dst.end();
        };
        if (isReadableFinished(src)) process.nextTick(endFn);
        else src.once('end', endFn);
        finished(src, { readable: true, writable: false }, (err) => {
          const rState = src._readableState;
          if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE' && rState && rState.ended &&
              !rState.errored && !rState.errorEmitted) {
            // The source was torn down after it ended, by whoever reads it: not an error here.
            src.once('end', finish).once('error', finish);
          } else {
            finish(err);
          }
        });
      } else {
        finish();
      }
      return finished(dst, { readable: false, writable: true }, finish);
    }

    function pipelinePromise(...streams) {
      return new Promise((resolve, reject) => {
        let options;
        const last = streams[streams.length - 1];
        if (last && typeof last === 'object' && !isNodeStream(last) && !isIterable(last)) {
          options = streams.pop();
        }
        pipelineImpl(streams, (err, value) => {
          if (err) reject(err);
          else resolve(value);
        }, options);
      });
    }

    return { finished, finishedPromise, pipeline, pipelinePromise, addAbortSignal };
  };
})(globalThis.__codebox);
