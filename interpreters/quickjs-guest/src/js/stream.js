// The `stream` module (with `stream/promises` and `stream/consumers`), following Node 20's
// documented state machine: Readable (buffering to a high-water mark, paused and flowing
// modes, 'readable', pipe, async iteration), Writable (buffering, cork, _writev, _final,
// 'drain' and 'finish'), Duplex, Transform, PassThrough, destroy with its 'error' then 'close'
// order, finished() and pipeline(). Their `_readableState` and `_writableState` carry the
// fields programs and Node's own tests read.
(function (host) {
  'use strict';

  const { EventEmitter } = host;
  const { Buffer } = host.internal('buffer');
  const { StringDecoder } = host.internal('string_decoder');
  const { AbortController, AbortError, AbortSignal } = host.internal('event_target');

  const nop = () => {};
  const kOnFinished = Symbol('kOnFinished');
  const kPaused = Symbol('kPaused');
  const kConstruct = Symbol('kConstruct');
  const kDestroy = Symbol('kDestroy');
  const kIsDestroyed = Symbol('kIsDestroyed');
  const kCallback = Symbol('kCallback');
  const MAX_HWM = 0x40000000;
  let defaultBytesHighWaterMark = 16 * 1024;
  let defaultObjectHighWaterMark = 16;

  function codedError(Base, code, message) {
    return host.coded(new Base(message), code);
  }
  const errors = {
    pushAfterEof: () => codedError(Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'),
    unshiftAfterEnd: () => codedError(Error, 'ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event'),
    notImplemented: (name) => codedError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${name} method is not implemented`),
    writeAfterEnd: () => codedError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end'),
    destroyed: (name) => codedError(Error, 'ERR_STREAM_DESTROYED', `Cannot call ${name} after a stream was destroyed`),
    nullValues: () => codedError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream'),
    alreadyFinished: (name) => codedError(Error, 'ERR_STREAM_ALREADY_FINISHED', `Cannot call ${name} after a stream was finished`),
    multipleCallback: () => codedError(Error, 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times'),
    prematureClose: () => codedError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close'),
    missingArgs: (name) => codedError(TypeError, 'ERR_MISSING_ARGS', `The "${name}" argument must be specified`),
    unknownEncoding: (encoding) => codedError(TypeError, 'ERR_UNKNOWN_ENCODING', host.format('Unknown encoding: %s', encoding)),
    invalidReturn: (expected, name, value) => codedError(TypeError, 'ERR_INVALID_RETURN_VALUE',
      `Expected ${expected} to be returned from the "${name}" function but got ${host.specificType(value)}.`),
    invalidArgValue: (name, value) => codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The ${name.includes('.') ? 'property' : 'argument'} '${name}' is invalid. Received ${host.inspect(value)}`),
    outOfRange: (name, range, value) => codedError(RangeError, 'ERR_OUT_OF_RANGE',
      `The value of "${name}" is out of range. It must be ${range}. Received ${value}`),
  };

  function aggregateTwoErrors(inner, outer) {
    if (inner && outer && inner !== outer) {
      if (Array.isArray(outer.errors)) {
        outer.errors.push(inner);
        return outer;
      }
      const error = new AggregateError([outer, inner], outer.message);
      error.code = outer.code;
      return error;
    }
    return inner || outer;
  }

  const isUint8Array = (value) => value instanceof Uint8Array;
  const toBuffer = (chunk) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

  function getHighWaterMark(options, duplexKey, isDuplex) {
    const hwm = options.highWaterMark != null ? options.highWaterMark : isDuplex ? options[duplexKey] : null;
    if (hwm == null) return null;
    if (!Number.isInteger(hwm) || hwm < 0) {
      throw errors.invalidArgValue(isDuplex ? `options.${duplexKey}` : 'options.highWaterMark', hwm);
    }
    return Math.floor(hwm);
  }

  function getDefaultHighWaterMark(objectMode) {
    return objectMode ? defaultObjectHighWaterMark : defaultBytesHighWaterMark;
  }

  function setDefaultHighWaterMark(objectMode, value) {
    if (!Number.isInteger(value) || value < 0) throw errors.invalidArgValue('value', value);
    if (objectMode) defaultObjectHighWaterMark = value;
    else defaultBytesHighWaterMark = value;
  }

  function checkedDefaultEncoding(encoding) {
    if (encoding == null || encoding === 'utf8' || encoding === 'utf-8') return 'utf8';
    if (!Buffer.isEncoding(encoding)) throw errors.unknownEncoding(encoding);
    return encoding;
  }

  // ---- what a stream is, and where it stands ----

  function isReadableNodeStream(obj, strict = false) {
    return !!(obj && typeof obj.pipe === 'function' && typeof obj.on === 'function' &&
      (!strict || (typeof obj.pause === 'function' && typeof obj.resume === 'function')) &&
      (!obj._writableState || (obj._readableState && obj._readableState.readable !== false)) &&
      (!obj._writableState || obj._readableState));
  }

  function isWritableNodeStream(obj) {
    return !!(obj && typeof obj.write === 'function' && typeof obj.on === 'function' &&
      (!obj._readableState || (obj._writableState && obj._writableState.writable !== false)));
  }

  function isNodeStream(obj) {
    return !!(obj && (obj._readableState || obj._writableState ||
      (typeof obj.write === 'function' && typeof obj.on === 'function') ||
      (typeof obj.pipe === 'function' && typeof obj.on === 'function')));
  }

  function isIterable(obj, isAsync) {
    if (obj == null) return false;
    if (isAsync === true) return typeof obj[Symbol.asyncIterator] === 'function';
    if (isAsync === false) return typeof obj[Symbol.iterator] === 'function';
    return typeof obj[Symbol.asyncIterator] === 'function' || typeof obj[Symbol.iterator] === 'function';
  }

  function isDestroyed(stream) {
    if (!isNodeStream(stream)) return null;
    const state = stream._writableState || stream._readableState;
    return !!(stream.destroyed || stream[kIsDestroyed] || (state && state.destroyed));
  }

  function isWritableEnded(stream) {
    if (!isWritableNodeStream(stream)) return null;
    if (stream.writableEnded === true) return true;
    const state = stream._writableState;
    if (state && state.errored) return false;
    if (!state || typeof state.ended !== 'boolean') return null;
    return state.ended;
  }

  function isWritableFinished(stream, strict) {
    if (!isWritableNodeStream(stream)) return null;
    if (stream.writableFinished === true) return true;
    const state = stream._writableState;
    if (state && state.errored) return false;
    if (!state || typeof state.finished !== 'boolean') return null;
    return !!(state.finished || (strict === false && state.ended === true && state.length === 0));
  }

  function isReadableFinished(stream, strict) {
    if (!isReadableNodeStream(stream)) return null;
    const state = stream._readableState;
    if (state && state.errored) return false;
    if (!state || typeof state.endEmitted !== 'boolean') return null;
    return !!(state.endEmitted || (strict === false && state.ended === true && state.length === 0));
  }

  function isReadable(stream) {
    if (stream && typeof stream.readable !== 'boolean') return null;
    if (!stream) return null;
    if (isDestroyed(stream)) return false;
    return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
  }

  function isWritable(stream) {
    if (!stream || typeof stream.writable !== 'boolean') return null;
    if (isDestroyed(stream)) return false;
    return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
  }

  function isFinished(stream, options) {
    if (!isNodeStream(stream)) return null;
    if (isDestroyed(stream)) return true;
    if ((!options || options.readable !== false) && isReadable(stream)) return false;
    if ((!options || options.writable !== false) && isWritable(stream)) return false;
    return true;
  }

  function isClosed(stream) {
    if (!isNodeStream(stream)) return null;
    const w = stream._writableState;
    const r = stream._readableState;
    if ((w && typeof w.closed === 'boolean') || (r && typeof r.closed === 'boolean')) {
      return (w && w.closed) || (r && r.closed);
    }
    return null;
  }

  function erroredOf(stream) {
    if (!stream) return null;
    const w = stream.writableErrored != null ? stream.writableErrored : stream._writableState ? stream._writableState.errored : null;
    if (w) return w;
    const r = stream.readableErrored != null ? stream.readableErrored : stream._readableState ? stream._readableState.errored : null;
    return r || null;
  }

  function isErrored(stream) {
    return !!(stream && (stream.errored || stream.readableErrored || stream.writableErrored ||
      (stream._writableState && stream._writableState.errorEmitted) ||
      (stream._readableState && stream._readableState.errorEmitted)));
  }

  function isDisturbed(stream) {
    return !!(stream && (stream.readableDidRead || stream.readableAborted));
  }

  function willEmitClose(stream) {
    if (!isNodeStream(stream)) return null;
    const state = stream._writableState || stream._readableState;
    return !!(state && state.autoDestroy && state.emitClose && state.closed === false);
  }

  // ---- destroy: shared by both sides ----

  function checkError(err, w, r) {
    if (err) {
      if (w && !w.errored) w.errored = err;
      if (r && !r.errored) r.errored = err;
    }
  }

  function destroy(err, cb) {
    const r = this._readableState;
    const w = this._writableState;
    const state = w || r;
    if ((w && w.destroyed) || (r && r.destroyed)) {
      if (typeof cb === 'function') cb();
      return this;
    }
    checkError(err, w, r);
    if (w) w.destroyed = true;
    if (r) r.destroyed = true;
    if (!state.constructed) {
      this.once(kDestroy, function (er) { destroyNow(this, aggregateTwoErrors(er, err), cb); });
    } else {
      destroyNow(this, err, cb);
    }
    return this;
  }

  function destroyNow(self, err, cb) {
    let called = false;
    function onDestroy(err) {
      if (called) return;
      called = true;
      const r = self._readableState;
      const w = self._writableState;
      checkError(err, w, r);
      if (w) w.closed = true;
      if (r) r.closed = true;
      if (typeof cb === 'function') cb(err);
      if (err) process.nextTick(emitErrorCloseNT, self, err);
      else process.nextTick(emitCloseNT, self);
    }
    try {
      self._destroy(err || null, onDestroy);
    } catch (error) {
      onDestroy(error);
    }
  }

  function emitErrorCloseNT(self, err) {
    emitErrorNT(self, err);
    emitCloseNT(self);
  }

  function emitCloseNT(self) {
    const r = self._readableState;
    const w = self._writableState;
    if (w) w.closeEmitted = true;
    if (r) r.closeEmitted = true;
    if ((w && w.emitClose) || (r && r.emitClose)) self.emit('close');
  }

  function emitErrorNT(self, err) {
    const r = self._readableState;
    const w = self._writableState;
    if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
    if (w) w.errorEmitted = true;
    if (r) r.errorEmitted = true;
    self.emit('error', err);
  }

  function undestroy() {
    const r = this._readableState;
    const w = this._writableState;
    if (r) {
      r.constructed = true;
      r.closed = false;
      r.closeEmitted = false;
      r.destroyed = false;
      r.errored = null;
      r.errorEmitted = false;
      r.reading = false;
      r.ended = r.readable === false;
      r.endEmitted = r.readable === false;
    }
    if (w) {
      w.constructed = true;
      w.destroyed = false;
      w.closed = false;
      w.closeEmitted = false;
      w.errored = null;
      w.errorEmitted = false;
      w.finalCalled = false;
      w.prefinished = false;
      w.ended = w.writable === false;
      w.ending = w.writable === false;
      w.finished = w.writable === false;
    }
  }

  function errorOrDestroy(stream, err, sync) {
    const r = stream._readableState;
    const w = stream._writableState;
    if ((w && w.destroyed) || (r && r.destroyed)) return;
    if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
      stream.destroy(err);
    } else if (err) {
      checkError(err, w, r);
      if (sync) process.nextTick(emitErrorNT, stream, err);
      else emitErrorNT(stream, err);
    }
  }

  // `_construct`, when a stream has one, runs on the next tick; reads and writes wait for it.
  function construct(stream, cb) {
    if (typeof stream._construct !== 'function') return;
    const r = stream._readableState;
    const w = stream._writableState;
    if (r) r.constructed = false;
    if (w) w.constructed = false;
    stream.once(kConstruct, cb);
    if (stream.listenerCount(kConstruct) > 1) return;
    process.nextTick(constructNT, stream);
  }

  function constructNT(stream) {
    let called = false;
    function onConstruct(err) {
      if (called) {
        errorOrDestroy(stream, err != null ? err : errors.multipleCallback());
        return;
      }
      called = true;
      const r = stream._readableState;
      const w = stream._writableState;
      const state = w || r;
      if (r) r.constructed = true;
      if (w) w.constructed = true;
      if (state.destroyed) stream.emit(kDestroy, err);
      else if (err) errorOrDestroy(stream, err, true);
      else process.nextTick(() => stream.emit(kConstruct));
    }
    try {
      stream._construct((err) => { process.nextTick(onConstruct, err); });
    } catch (err) {
      process.nextTick(onConstruct, err);
    }
  }

  // Ends a stream from outside (pipeline, async iteration): destroys it, with an AbortError
  // when it had not finished by itself.
  function destroyer(stream, err) {
    if (!stream || isDestroyed(stream)) return;
    if (!err && !isFinished(stream)) err = new AbortError();
    if (typeof stream.destroy === 'function') stream.destroy(err);
    else if (typeof stream.close === 'function') stream.close();
    else if (err) process.nextTick((s, e) => s.emit('error', e), stream, err);
    else process.nextTick((s) => s.emit('close'), stream);
    if (!stream.destroyed) stream[kIsDestroyed] = true;
  }

  // ---- Stream: the legacy base, with the old pipe ----

  function Stream(options) {
    EventEmitter.call(this, options);
  }
  Object.setPrototypeOf(Stream.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(Stream, EventEmitter);

  // A stream starts with slots for its common events (as Node's do, which fixes the order
  // `eventNames()` lists them in); the names of empty slots are not listed.
  function eventSlots(stream, names) {
    if (stream._events == null) {
      stream._events = {};
      for (const name of names) stream._events[name] = undefined;
    }
  }

  Stream.prototype.eventNames = function eventNames() {
    const names = [];
    for (const key of Reflect.ownKeys(this._events)) {
      const value = this._events[key];
      if (typeof value === 'function' || (Array.isArray(value) && value.length > 0)) names.push(key);
    }
    return names;
  };

  Stream.prototype.pipe = function (dest, options) {
    const source = this;
    function ondata(chunk) {
      if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
    }
    source.on('data', ondata);
    function ondrain() {
      if (source.readable && source.resume) source.resume();
    }
    dest.on('drain', ondrain);
    let didOnEnd = false;
    function onend() {
      if (didOnEnd) return;
      didOnEnd = true;
      dest.end();
    }
    function onclose() {
      if (didOnEnd) return;
      didOnEnd = true;
      if (typeof dest.destroy === 'function') dest.destroy();
    }
    if (!dest._isStdio && (!options || options.end !== false)) {
      source.on('end', onend);
      source.on('close', onclose);
    }
    function onerror(er) {
      cleanup();
      if (EventEmitter.listenerCount(this, 'error') === 0) this.emit('error', er);
    }
    prependListener(source, 'error', onerror);
    prependListener(dest, 'error', onerror);
    function cleanup() {
      source.removeListener('data', ondata);
      dest.removeListener('drain', ondrain);
      source.removeListener('end', onend);
      source.removeListener('close', onclose);
      source.removeListener('error', onerror);
      dest.removeListener('error', onerror);
      source.removeListener('end', cleanup);
      source.removeListener('close', cleanup);
      dest.removeListener('close', cleanup);
    }
    source.on('end', cleanup);
    source.on('close', cleanup);
    dest.on('close', cleanup);
    dest.emit('pipe', source);
    return dest;
  };

  function prependListener(emitter, event, fn) {
    if (typeof emitter.prependListener === 'function') return emitter.prependListener(event, fn);
    if (!emitter._events || !emitter._events[event]) emitter.on(event, fn);
    else if (Array.isArray(emitter._events[event])) emitter._events[event].unshift(fn);
    else emitter._events[event] = [fn, emitter._events[event]];
    return emitter;
  }

  // ---- Readable ----

  function ReadableState(options, stream, isDuplex) {
    options = options || {};
    if (typeof isDuplex !== 'boolean') isDuplex = stream instanceof Duplex;
    this.objectMode = !!(options.objectMode || (isDuplex && options.readableObjectMode));
    const hwm = getHighWaterMark(options, 'readableHighWaterMark', isDuplex);
    this.highWaterMark = hwm !== null ? hwm : getDefaultHighWaterMark(this.objectMode);
    this.buffer = [];
    this.length = 0;
    this.pipes = [];
    this.flowing = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    this.constructed = true;
    this.sync = true;
    this.needReadable = false;
    this.emittedReadable = false;
    this.readableListening = false;
    this.resumeScheduled = false;
    this[kPaused] = null;
    this.errorEmitted = false;
    this.emitClose = options.emitClose !== false;
    this.autoDestroy = options.autoDestroy !== false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.defaultEncoding = checkedDefaultEncoding(options.defaultEncoding);
    this.awaitDrainWriters = null;
    this.multiAwaitDrain = false;
    this.readingMore = false;
    this.dataEmitted = false;
    this.decoder = null;
    this.encoding = null;
    if (options.encoding) {
      this.decoder = new StringDecoder(options.encoding);
      this.encoding = options.encoding;
    }
  }
  Object.defineProperty(ReadableState.prototype, 'pipesCount', {
    get() { return this.pipes.length; },
  });
  Object.defineProperty(ReadableState.prototype, 'paused', {
    get() { return this[kPaused] !== false; },
    set(value) { this[kPaused] = !!value; },
  });

  function Readable(options) {
    if (!(this instanceof Readable)) return new Readable(options);
    const isDuplex = this instanceof Duplex;
    eventSlots(this, ['close', 'error', 'data', 'end', 'readable']);
    this._readableState = new ReadableState(options, this, isDuplex);
    if (options) {
      if (typeof options.read === 'function') this._read = options.read;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.construct === 'function') this._construct = options.construct;
      if (options.signal && !isDuplex) addAbortSignal(options.signal, this);
    }
    Stream.call(this, options);
    construct(this, () => {
      if (this._readableState.needReadable) maybeReadMore(this, this._readableState);
    });
  }
  Object.setPrototypeOf(Readable.prototype, Stream.prototype);
  Object.setPrototypeOf(Readable, Stream);
  Readable.ReadableState = ReadableState;

  Readable.prototype.destroy = destroy;
  Readable.prototype._undestroy = undestroy;
  Readable.prototype._destroy = function (err, cb) { cb(err); };
  Readable.prototype[Symbol.for('nodejs.rejection')] = function (err) { this.destroy(err); };

  Readable.prototype.push = function (chunk, encoding) {
    return readableAddChunk(this, chunk, encoding, false);
  };

  Readable.prototype.unshift = function (chunk, encoding) {
    return readableAddChunk(this, chunk, encoding, true);
  };

  function readableAddChunk(stream, chunk, encoding, addToFront) {
    const state = stream._readableState;
    let err;
    if (!state.objectMode) {
      if (typeof chunk === 'string') {
        encoding = encoding || state.defaultEncoding;
        if (state.encoding !== encoding) {
          if (addToFront && state.encoding) {
            chunk = Buffer.from(chunk, encoding).toString(state.encoding);
          } else {
            chunk = Buffer.from(chunk, encoding);
            encoding = '';
          }
        }
      } else if (chunk instanceof Buffer) {
        encoding = '';
      } else if (ArrayBuffer.isView(chunk)) {
        chunk = toBuffer(chunk);
        encoding = '';
      } else if (chunk != null) {
        err = host.invalidArgType('chunk', 'string or an instance of Buffer, TypedArray, or DataView', chunk);
      }
    }
    if (err) {
      errorOrDestroy(stream, err);
    } else if (chunk === null) {
      state.reading = false;
      onEofChunk(stream, state);
    } else if (state.objectMode || (chunk && chunk.length > 0)) {
      if (addToFront) {
        if (state.endEmitted) errorOrDestroy(stream, errors.unshiftAfterEnd());
        else if (state.destroyed || state.errored) return false;
        else addChunk(stream, state, chunk, true);
      } else if (state.ended) {
        errorOrDestroy(stream, errors.pushAfterEof());
      } else if (state.destroyed || state.errored) {
        return false;
      } else {
        state.reading = false;
        if (state.decoder && !encoding) {
          chunk = state.decoder.write(chunk);
          if (state.objectMode || chunk.length !== 0) addChunk(stream, state, chunk, false);
          else maybeReadMore(stream, state);
        } else {
          addChunk(stream, state, chunk, false);
        }
      }
    } else if (!addToFront) {
      state.reading = false;
      maybeReadMore(stream, state);
    }
    return !state.ended && (state.length < state.highWaterMark || state.length === 0);
  }

  function clearAwaitDrain(state) {
    if (state.multiAwaitDrain) state.awaitDrainWriters.clear();
    else state.awaitDrainWriters = null;
  }

  function addChunk(stream, state, chunk, addToFront) {
    if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
      clearAwaitDrain(state);
      state.dataEmitted = true;
      stream.emit('data', chunk);
    } else {
      state.length += state.objectMode ? 1 : chunk.length;
      if (addToFront) state.buffer.unshift(chunk);
      else state.buffer.push(chunk);
      if (state.needReadable) emitReadable(stream);
    }
    maybeReadMore(stream, state);
  }

  Readable.prototype.isPaused = function () {
    const state = this._readableState;
    return state[kPaused] === true || state.flowing === false;
  };

  Readable.prototype.setEncoding = function (encoding) {
    const decoder = new StringDecoder(encoding);
    const state = this._readableState;
    state.decoder = decoder;
    state.encoding = decoder.encoding;
    let content = '';
    for (const data of state.buffer) content += decoder.write(data);
    state.buffer = content !== '' ? [content] : [];
    state.length = content.length;
    return this;
  };

  function computeNewHighWaterMark(n) {
    if (n > MAX_HWM) throw errors.outOfRange('size', '<= 1GiB', n);
    n--;
    n |= n >>> 1;
    n |= n >>> 2;
    n |= n >>> 4;
    n |= n >>> 8;
    n |= n >>> 16;
    return n + 1;
  }

  function howMuchToRead(n, state) {
    if (n <= 0 || (state.length === 0 && state.ended)) return 0;
    if (state.objectMode) return 1;
    if (Number.isNaN(n)) {
      if (state.flowing && state.length) return state.buffer[0].length;
      return state.length;
    }
    if (n <= state.length) return n;
    return state.ended ? state.length : 0;
  }

  Readable.prototype.read = function (n) {
    if (n === undefined) n = NaN;
    else if (!Number.isInteger(n)) n = Number.parseInt(n, 10);
    const state = this._readableState;
    const nOrig = n;
    if (n > state.highWaterMark) state.highWaterMark = computeNewHighWaterMark(n);
    if (n !== 0) state.emittedReadable = false;
    if (n === 0 && state.needReadable &&
        ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
      if (state.length === 0 && state.ended) endReadable(this);
      else emitReadable(this);
      return null;
    }
    n = howMuchToRead(n, state);
    if (n === 0 && state.ended) {
      if (state.length === 0) endReadable(this);
      return null;
    }
    let doRead = state.needReadable;
    if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
    if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
      doRead = false;
    } else if (doRead) {
      state.reading = true;
      state.sync = true;
      if (state.length === 0) state.needReadable = true;
      try {
        this._read(state.highWaterMark);
      } catch (err) {
        errorOrDestroy(this, err);
      }
      state.sync = false;
      if (!state.reading) n = howMuchToRead(nOrig, state);
    }
    let ret = n > 0 ? fromList(n, state) : null;
    if (ret === null) {
      state.needReadable = state.length <= state.highWaterMark;
      n = 0;
    } else {
      state.length -= n;
      clearAwaitDrain(state);
    }
    if (state.length === 0) {
      if (!state.ended) state.needReadable = true;
      if (nOrig !== n && state.ended) endReadable(this);
    }
    if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
      state.dataEmitted = true;
      this.emit('data', ret);
    }
    return ret;
  };

  // Takes n bytes (or characters, with a decoder) off the front of the buffer; one object in
  // object mode.
  function fromList(n, state) {
    if (state.length === 0) return null;
    const buffer = state.buffer;
    if (state.objectMode) return buffer.shift();
    if (!n || n >= state.length) {
      let ret;
      if (state.decoder) ret = buffer.join('');
      else if (buffer.length === 1) ret = buffer[0];
      else ret = Buffer.concat(buffer, state.length);
      state.buffer = [];
      return ret;
    }
    const first = buffer[0];
    if (n < first.length) {
      buffer[0] = first.slice(n);
      return first.slice(0, n);
    }
    if (n === first.length) return buffer.shift();
    if (state.decoder) {
      let ret = '';
      while (ret.length < n) {
        const str = buffer[0];
        const need = n - ret.length;
        if (str.length <= need) {
          ret += str;
          buffer.shift();
        } else {
          ret += str.slice(0, need);
          buffer[0] = str.slice(need);
        }
      }
      return ret;
    }
    const ret = Buffer.allocUnsafe(n);
    let copied = 0;
    while (copied < n) {
      const data = buffer[0];
      const need = n - copied;
      if (data.length <= need) {
        ret.set(data, copied);
        copied += data.length;
        buffer.shift();
      } else {
        ret.set(data.subarray(0, need), copied);
        copied += need;
        buffer[0] = data.slice(need);
      }
    }
    return ret;
  }

  function onEofChunk(stream, state) {
    if (state.ended) return;
    if (state.decoder) {
      const chunk = state.decoder.end();
      if (chunk && chunk.length) {
        state.buffer.push(chunk);
        state.length += state.objectMode ? 1 : chunk.length;
      }
    }
    state.ended = true;
    if (state.sync) {
      emitReadable(stream);
    } else {
      state.needReadable = false;
      state.emittedReadable = true;
      emitReadableNT(stream);
    }
  }

  function emitReadable(stream) {
    const state = stream._readableState;
    state.needReadable = false;
    if (!state.emittedReadable) {
      state.emittedReadable = true;
      process.nextTick(emitReadableNT, stream);
    }
  }

  function emitReadableNT(stream) {
    const state = stream._readableState;
    if (!state.destroyed && !state.errored && (state.length || state.ended)) {
      stream.emit('readable');
      state.emittedReadable = false;
    }
    state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
    flow(stream);
  }

  function maybeReadMore(stream, state) {
    if (!state.readingMore && state.constructed) {
      state.readingMore = true;
      process.nextTick(maybeReadMoreNT, stream, state);
    }
  }

  function maybeReadMoreNT(stream, state) {
    while (!state.reading && !state.ended &&
           (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
      const len = state.length;
      stream.read(0);
      if (len === state.length) break;
    }
    state.readingMore = false;
  }

  Readable.prototype._read = function () {
    throw errors.notImplemented('_read()');
  };

  Readable.prototype.pipe = function (dest, pipeOpts) {
    const src = this;
    const state = this._readableState;
    if (state.pipes.length === 1 && !state.multiAwaitDrain) {
      state.multiAwaitDrain = true;
      state.awaitDrainWriters = new Set(state.awaitDrainWriters ? [state.awaitDrainWriters] : []);
    }
    state.pipes.push(dest);
    const doEnd = (!pipeOpts || pipeOpts.end !== false) && dest !== process.stdout && dest !== process.stderr;
    const endFn = doEnd ? onend : unpipe;
    if (state.endEmitted) process.nextTick(endFn);
    else src.once('end', endFn);
    dest.on('unpipe', onunpipe);
    function onunpipe(readable, unpipeInfo) {
      if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
        unpipeInfo.hasUnpiped = true;
        cleanup();
      }
    }
    function onend() {
      dest.end();
    }
    let ondrain;
    let cleanedUp = false;
    function cleanup() {
      dest.removeListener('close', onclose);
      dest.removeListener('finish', onfinish);
      if (ondrain) dest.removeListener('drain', ondrain);
      dest.removeListener('error', onerror);
      dest.removeListener('unpipe', onunpipe);
      src.removeListener('end', onend);
      src.removeListener('end', unpipe);
      src.removeListener('data', ondata);
      cleanedUp = true;
      if (ondrain && state.awaitDrainWriters && (!dest._writableState || dest._writableState.needDrain)) ondrain();
    }
    function pause() {
      if (!cleanedUp) {
        if (state.pipes.length === 1 && state.pipes[0] === dest) {
          state.awaitDrainWriters = dest;
          state.multiAwaitDrain = false;
        } else if (state.pipes.length > 1 && state.pipes.includes(dest)) {
          state.awaitDrainWriters.add(dest);
        }
        src.pause();
      }
      if (!ondrain) {
        ondrain = pipeOnDrain(src, dest);
        dest.on('drain', ondrain);
      }
    }
    src.on('data', ondata);
    function ondata(chunk) {
      if (dest.write(chunk) === false) pause();
    }
    function onerror(er) {
      unpipe();
      dest.removeListener('error', onerror);
      if (dest.listenerCount('error') === 0) {
        const s = dest._writableState || dest._readableState;
        if (s && !s.errorEmitted) errorOrDestroy(dest, er);
        else dest.emit('error', er);
      }
    }
    prependListener(dest, 'error', onerror);
    function onclose() {
      dest.removeListener('finish', onfinish);
      unpipe();
    }
    dest.once('close', onclose);
    function onfinish() {
      dest.removeListener('close', onclose);
      unpipe();
    }
    dest.once('finish', onfinish);
    function unpipe() {
      src.unpipe(dest);
    }
    dest.emit('pipe', src);
    if (dest.writableNeedDrain === true) pause();
    else if (!state.flowing) src.resume();
    return dest;
  };

  function pipeOnDrain(src, dest) {
    return function () {
      const state = src._readableState;
      if (state.awaitDrainWriters === dest) state.awaitDrainWriters = null;
      else if (state.multiAwaitDrain) state.awaitDrainWriters.delete(dest);
      if ((!state.awaitDrainWriters || state.awaitDrainWriters.size === 0) && src.listenerCount('data')) {
        src.resume();
      }
    };
  }

  Readable.prototype.unpipe = function (dest) {
    const state = this._readableState;
    if (state.pipes.length === 0) return this;
    if (!dest) {
      const dests = state.pipes;
      state.pipes = [];
      this.pause();
      for (const d of dests) d.emit('unpipe', this, { hasUnpiped: false });
      return this;
    }
    const index = state.pipes.indexOf(dest);
    if (index === -1) return this;
    state.pipes.splice(index, 1);
    if (state.pipes.length === 0) this.pause();
    dest.emit('unpipe', this, { hasUnpiped: false });
    return this;
  };

  Readable.prototype.on = function (ev, fn) {
    const res = Stream.prototype.on.call(this, ev, fn);
    const state = this._readableState;
    if (ev === 'data') {
      state.readableListening = this.listenerCount('readable') > 0;
      if (state.flowing !== false) this.resume();
    } else if (ev === 'readable') {
      if (!state.endEmitted && !state.readableListening) {
        state.readableListening = state.needReadable = true;
        state.flowing = false;
        state.emittedReadable = false;
        if (state.length) emitReadable(this);
        else if (!state.reading) process.nextTick((self) => self.read(0), this);
      }
    }
    return res;
  };
  Readable.prototype.addListener = Readable.prototype.on;

  Readable.prototype.removeListener = function (ev, fn) {
    const res = Stream.prototype.removeListener.call(this, ev, fn);
    if (ev === 'readable') process.nextTick(updateReadableListening, this);
    return res;
  };
  Readable.prototype.off = Readable.prototype.removeListener;

  Readable.prototype.removeAllListeners = function (ev) {
    const res = Stream.prototype.removeAllListeners.apply(this, arguments);
    if (ev === 'readable' || ev === undefined) process.nextTick(updateReadableListening, this);
    return res;
  };

  function updateReadableListening(self) {
    const state = self._readableState;
    state.readableListening = self.listenerCount('readable') > 0;
    if (state.resumeScheduled && state[kPaused] === false) state.flowing = true;
    else if (self.listenerCount('data') > 0) self.resume();
    else if (!state.readableListening) state.flowing = null;
  }

  Readable.prototype.resume = function () {
    const state = this._readableState;
    if (!state.flowing) {
      state.flowing = !state.readableListening;
      if (!state.resumeScheduled) {
        state.resumeScheduled = true;
        process.nextTick(resumeNT, this, state);
      }
    }
    state[kPaused] = false;
    return this;
  };

  function resumeNT(stream, state) {
    if (!state.reading) stream.read(0);
    state.resumeScheduled = false;
    stream.emit('resume');
    flow(stream);
    if (state.flowing && !state.reading) stream.read(0);
  }

  Readable.prototype.pause = function () {
    const state = this._readableState;
    if (state.flowing !== false) {
      state.flowing = false;
      this.emit('pause');
    }
    state[kPaused] = true;
    return this;
  };

  function flow(stream) {
    const state = stream._readableState;
    while (state.flowing && stream.read() !== null);
  }

  Readable.prototype.wrap = function (stream) {
    let paused = false;
    stream.on('data', (chunk) => {
      if (!this.push(chunk) && stream.pause) {
        paused = true;
        stream.pause();
      }
    });
    stream.on('end', () => this.push(null));
    stream.on('error', (err) => errorOrDestroy(this, err));
    stream.on('close', () => this.destroy());
    stream.on('destroy', () => this.destroy());
    this._read = () => {
      if (paused && stream.resume) {
        paused = false;
        stream.resume();
      }
    };
    for (const key of Object.keys(stream)) {
      if (this[key] === undefined && typeof stream[key] === 'function') this[key] = stream[key].bind(stream);
    }
    return this;
  };

  Readable.prototype[Symbol.asyncIterator] = function () {
    return streamToAsyncIterator(this);
  };

  Readable.prototype.iterator = function (options) {
    if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
      throw host.invalidArgType('options', 'object', options);
    }
    return streamToAsyncIterator(this, options);
  };

  function streamToAsyncIterator(stream, options) {
    if (typeof stream.read !== 'function') stream = Readable.wrap(stream, { objectMode: true });
    const iterator = createAsyncIterator(stream, options);
    iterator.stream = stream;
    return iterator;
  }

  async function* createAsyncIterator(stream, options) {
    let callback = nop;
    function next(resolve) {
      if (this === stream) {
        callback();
        callback = nop;
      } else {
        callback = resolve;
      }
    }
    stream.on('readable', next);
    let error;
    const cleanup = finished(stream, { writable: false }, (err) => {
      error = err ? aggregateTwoErrors(error, err) : null;
      callback();
      callback = nop;
    });
    try {
      while (true) {
        const chunk = stream.destroyed ? null : stream.read();
        if (chunk !== null) yield chunk;
        else if (error) throw error;
        else if (error === null) return;
        else await new Promise(next);
      }
    } catch (err) {
      error = aggregateTwoErrors(error, err);
      throw error;
    } finally {
      if ((error || !options || options.destroyOnReturn !== false) &&
          (error === undefined || stream._readableState.autoDestroy)) {
        destroyer(stream, null);
      } else {
        stream.off('readable', next);
        cleanup();
      }
    }
  }

  function endReadable(stream) {
    const state = stream._readableState;
    if (!state.endEmitted) {
      state.ended = true;
      process.nextTick(endReadableNT, state, stream);
    }
  }

  function endReadableNT(state, stream) {
    if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
      state.endEmitted = true;
      stream.emit('end');
      if (stream.writable && stream.allowHalfOpen === false) {
        process.nextTick(endWritableNT, stream);
      } else if (state.autoDestroy) {
        const w = stream._writableState;
        if (!w || (w.autoDestroy && (w.finished || w.writable === false))) stream.destroy();
      }
    }
  }

  function endWritableNT(stream) {
    if (stream.writable && !stream.writableEnded && !stream.destroyed) stream.end();
  }

  const readableProperties = {
    readable: {
      get() {
        const r = this._readableState;
        return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
      },
      set(value) {
        if (this._readableState) this._readableState.readable = !!value;
      },
    },
    readableDidRead: { get() { return this._readableState.dataEmitted; } },
    readableAborted: {
      get() {
        const r = this._readableState;
        return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
      },
    },
    readableHighWaterMark: { get() { return this._readableState.highWaterMark; } },
    readableBuffer: { get() { return this._readableState && this._readableState.buffer; } },
    readableFlowing: {
      get() { return this._readableState.flowing; },
      set(value) { if (this._readableState) this._readableState.flowing = value; },
    },
    readableLength: { get() { return this._readableState.length; } },
    readableObjectMode: { get() { return this._readableState ? this._readableState.objectMode : false; } },
    readableEncoding: { get() { return this._readableState ? this._readableState.encoding : null; } },
    readableEnded: { get() { return this._readableState ? this._readableState.endEmitted : false; } },
  };
  for (const [name, descriptor] of Object.entries(readableProperties)) {
    Object.defineProperty(Readable.prototype, name, { ...descriptor, enumerable: false, configurable: true });
  }
  Object.defineProperties(Readable.prototype, {
    errored: { get() { return this._readableState ? this._readableState.errored : null; }, configurable: true },
    closed: { get() { return this._readableState ? this._readableState.closed : false; }, configurable: true },
    destroyed: {
      get() { return this._readableState ? this._readableState.destroyed : false; },
      set(value) { if (this._readableState) this._readableState.destroyed = value; },
      configurable: true,
    },
  });

  Readable.from = function (iterable, options) {
    return readableFrom(Readable, iterable, options);
  };

  function readableFrom(Kind, iterable, options) {
    if (typeof iterable === 'string' || iterable instanceof Buffer) {
      return new Kind({
        objectMode: true,
        ...options,
        read() {
          this.push(iterable);
          this.push(null);
        },
      });
    }
    let isAsync;
    let iterator;
    if (iterable && typeof iterable[Symbol.asyncIterator] === 'function') {
      isAsync = true;
      iterator = iterable[Symbol.asyncIterator]();
    } else if (iterable && typeof iterable[Symbol.iterator] === 'function') {
      isAsync = false;
      iterator = iterable[Symbol.iterator]();
    } else {
      throw host.invalidArgType('iterable', 'Iterable', iterable);
    }
    const readable = new Kind({ objectMode: true, highWaterMark: 1, ...options });
    let reading = false;
    readable._read = function () {
      if (!reading) {
        reading = true;
        next();
      }
    };
    readable._destroy = function (error, cb) {
      close(error).then(() => process.nextTick(cb, error), (e) => process.nextTick(cb, e || error));
    };
    async function close(error) {
      const hadError = error !== undefined && error !== null;
      if (hadError && typeof iterator.throw === 'function') {
        const { value, done } = await iterator.throw(error);
        await value;
        if (done) return;
      }
      if (typeof iterator.return === 'function') {
        const { value } = await iterator.return();
        await value;
      }
    }
    async function next() {
      for (;;) {
        try {
          const { value, done } = isAsync ? await iterator.next() : iterator.next();
          if (done) {
            readable.push(null);
          } else {
            const res = value && typeof value.then === 'function' ? await value : value;
            if (res === null) {
              reading = false;
              throw errors.nullValues();
            } else if (readable.push(res)) {
              continue;
            } else {
              reading = false;
            }
          }
        } catch (err) {
          readable.destroy(err);
        }
        break;
      }
    }
    return readable;
  }

  Readable.wrap = function (src, options) {
    return new Readable({
      objectMode: src.readableObjectMode != null ? src.readableObjectMode : src.objectMode != null ? src.objectMode : true,
      ...options,
      destroy(err, callback) {
        destroyer(src, err);
        callback(err);
      },
    }).wrap(src);
  };

  // ---- Writable ----

  function WritableState(options, stream, isDuplex) {
    options = options || {};
    if (typeof isDuplex !== 'boolean') isDuplex = stream instanceof Duplex;
    this.objectMode = !!(options.objectMode || (isDuplex && options.writableObjectMode));
    const hwm = getHighWaterMark(options, 'writableHighWaterMark', isDuplex);
    this.highWaterMark = hwm !== null ? hwm : getDefaultHighWaterMark(this.objectMode);
    this.finalCalled = false;
    this.needDrain = false;
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.destroyed = false;
    this.decodeStrings = options.decodeStrings !== false;
    this.defaultEncoding = checkedDefaultEncoding(options.defaultEncoding);
    this.length = 0;
    this.writing = false;
    this.corked = 0;
    this.sync = true;
    this.bufferProcessing = false;
    this.onwrite = (er) => onwrite(stream, er);
    this.writecb = null;
    this.writelen = 0;
    this.afterWriteTickInfo = null;
    resetBuffer(this);
    this.pendingcb = 0;
    this.constructed = true;
    this.prefinished = false;
    this.errorEmitted = false;
    this.emitClose = options.emitClose !== false;
    this.autoDestroy = options.autoDestroy !== false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this[kOnFinished] = [];
  }

  function resetBuffer(state) {
    state.buffered = [];
    state.bufferedIndex = 0;
    state.allBuffers = true;
    state.allNoop = true;
  }

  WritableState.prototype.getBuffer = function () {
    return this.buffered.slice(this.bufferedIndex);
  };
  Object.defineProperty(WritableState.prototype, 'bufferedRequestCount', {
    get() { return this.buffered.length - this.bufferedIndex; },
  });

  function Writable(options) {
    const isDuplex = this instanceof Duplex;
    if (!isDuplex && !Function.prototype[Symbol.hasInstance].call(Writable, this)) return new Writable(options);
    eventSlots(this, ['close', 'error', 'prefinish', 'finish', 'drain']);
    this._writableState = new WritableState(options, this, isDuplex);
    if (options) {
      if (typeof options.write === 'function') this._write = options.write;
      if (typeof options.writev === 'function') this._writev = options.writev;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.final === 'function') this._final = options.final;
      if (typeof options.construct === 'function') this._construct = options.construct;
      if (options.signal) addAbortSignal(options.signal, this);
    }
    Stream.call(this, options);
    construct(this, () => {
      const state = this._writableState;
      if (!state.writing) clearBuffer(this, state);
      finishMaybe(this, state);
    });
  }
  Object.setPrototypeOf(Writable.prototype, Stream.prototype);
  Object.setPrototypeOf(Writable, Stream);
  Writable.WritableState = WritableState;

  // A Duplex is a Writable too, though its prototype chain runs through Readable.
  Object.defineProperty(Writable, Symbol.hasInstance, {
    value(object) {
      if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
      if (this !== Writable) return false;
      return !!(object && object._writableState instanceof WritableState);
    },
  });

  Writable.prototype.pipe = function () {
    errorOrDestroy(this, codedError(Error, 'ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable'));
  };

  function writeChunk(stream, chunk, encoding, cb) {
    const state = stream._writableState;
    if (typeof cb !== 'function') cb = nop;
    if (chunk === null) {
      throw errors.nullValues();
    } else if (!state.objectMode) {
      if (!encoding) encoding = state.defaultEncoding;
      else if (encoding !== 'buffer' && !Buffer.isEncoding(encoding)) throw errors.unknownEncoding(encoding);
      if (typeof chunk === 'string') {
        if (state.decodeStrings !== false) {
          chunk = Buffer.from(chunk, encoding);
          encoding = 'buffer';
        }
      } else if (chunk instanceof Buffer) {
        encoding = 'buffer';
      } else if (ArrayBuffer.isView(chunk)) {
        chunk = toBuffer(chunk);
        encoding = 'buffer';
      } else {
        throw host.invalidArgType('chunk', 'string or an instance of Buffer, TypedArray, or DataView', chunk);
      }
    }
    let err;
    if (state.ending) err = errors.writeAfterEnd();
    else if (state.destroyed) err = errors.destroyed('write');
    if (err) {
      process.nextTick(cb, err);
      errorOrDestroy(stream, err, true);
      return err;
    }
    state.pendingcb++;
    return writeOrBuffer(stream, state, chunk, encoding, cb);
  }

  Writable.prototype.write = function (chunk, encoding, cb) {
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    return writeChunk(this, chunk, encoding, cb) === true;
  };

  Writable.prototype.cork = function () {
    this._writableState.corked++;
  };

  Writable.prototype.uncork = function () {
    const state = this._writableState;
    if (state.corked) {
      state.corked--;
      if (!state.writing) clearBuffer(this, state);
    }
  };

  Writable.prototype.setDefaultEncoding = function (encoding) {
    if (typeof encoding === 'string') encoding = encoding.toLowerCase();
    if (!Buffer.isEncoding(encoding)) throw errors.unknownEncoding(encoding);
    this._writableState.defaultEncoding = encoding;
    return this;
  };

  function writeOrBuffer(stream, state, chunk, encoding, callback) {
    const len = state.objectMode ? 1 : chunk.length;
    state.length += len;
    const ret = state.length < state.highWaterMark;
    if (!ret) state.needDrain = true;
    if (state.writing || state.corked || state.errored || !state.constructed) {
      state.buffered.push({ chunk, encoding, callback });
      if (state.allBuffers && encoding !== 'buffer') state.allBuffers = false;
      if (state.allNoop && callback !== nop) state.allNoop = false;
    } else {
      state.writelen = len;
      state.writecb = callback;
      state.writing = true;
      state.sync = true;
      stream._write(chunk, encoding, state.onwrite);
      state.sync = false;
    }
    return ret && !state.errored && !state.destroyed;
  }

  function doWrite(stream, state, writev, len, chunk, encoding, cb) {
    state.writelen = len;
    state.writecb = cb;
    state.writing = true;
    state.sync = true;
    if (state.destroyed) state.onwrite(errors.destroyed('write'));
    else if (writev) stream._writev(chunk, state.onwrite);
    else stream._write(chunk, encoding, state.onwrite);
    state.sync = false;
  }

  function onwriteError(stream, state, er, cb) {
    --state.pendingcb;
    cb(er);
    errorBuffer(state);
    errorOrDestroy(stream, er);
  }

  function onwrite(stream, er) {
    const state = stream._writableState;
    const sync = state.sync;
    const cb = state.writecb;
    if (typeof cb !== 'function') {
      errorOrDestroy(stream, errors.multipleCallback());
      return;
    }
    state.writing = false;
    state.writecb = null;
    state.length -= state.writelen;
    state.writelen = 0;
    if (er) {
      if (!state.errored) state.errored = er;
      if (stream._readableState && !stream._readableState.errored) stream._readableState.errored = er;
      if (sync) process.nextTick(onwriteError, stream, state, er, cb);
      else onwriteError(stream, state, er, cb);
    } else {
      if (state.buffered.length > state.bufferedIndex) clearBuffer(stream, state);
      if (sync) {
        // Callbacks of writes that completed synchronously run together on the next tick.
        if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
          state.afterWriteTickInfo.count++;
        } else {
          state.afterWriteTickInfo = { count: 1, cb, stream, state };
          process.nextTick(afterWriteTick, state.afterWriteTickInfo);
        }
      } else {
        afterWrite(stream, state, 1, cb);
      }
    }
  }

  function afterWriteTick({ stream, state, count, cb }) {
    state.afterWriteTickInfo = null;
    return afterWrite(stream, state, count, cb);
  }

  function afterWrite(stream, state, count, cb) {
    const needDrain = !state.ending && !stream.destroyed && state.length === 0 && state.needDrain;
    if (needDrain) {
      state.needDrain = false;
      stream.emit('drain');
    }
    while (count-- > 0) {
      state.pendingcb--;
      cb(null);
    }
    if (state.destroyed) errorBuffer(state);
    finishMaybe(stream, state);
  }

  function errorBuffer(state) {
    if (state.writing) return;
    for (let n = state.bufferedIndex; n < state.buffered.length; ++n) {
      const { chunk, callback } = state.buffered[n];
      state.length -= state.objectMode ? 1 : chunk.length;
      callback(state.errored || errors.destroyed('write'));
    }
    for (const callback of state[kOnFinished].splice(0)) {
      callback(state.errored || errors.destroyed('end'));
    }
    resetBuffer(state);
  }

  function clearBuffer(stream, state) {
    if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return;
    const { buffered, bufferedIndex, objectMode } = state;
    const bufferedLength = buffered.length - bufferedIndex;
    if (!bufferedLength) return;
    let i = bufferedIndex;
    state.bufferProcessing = true;
    if (bufferedLength > 1 && stream._writev) {
      state.pendingcb -= bufferedLength - 1;
      const callback = state.allNoop ? nop : (err) => {
        for (let n = i; n < buffered.length; ++n) buffered[n].callback(err);
      };
      const chunks = state.allNoop && i === 0 ? buffered : buffered.slice(i);
      chunks.allBuffers = state.allBuffers;
      doWrite(stream, state, true, state.length, chunks, '', callback);
      resetBuffer(state);
    } else {
      do {
        const { chunk, encoding, callback } = buffered[i];
        buffered[i++] = null;
        doWrite(stream, state, false, objectMode ? 1 : chunk.length, chunk, encoding, callback);
      } while (i < buffered.length && !state.writing);
      if (i === buffered.length) {
        resetBuffer(state);
      } else if (i > 256) {
        buffered.splice(0, i);
        state.bufferedIndex = 0;
      } else {
        state.bufferedIndex = i;
      }
    }
    state.bufferProcessing = false;
  }

  Writable.prototype._write = function (chunk, encoding, cb) {
    if (this._writev) this._writev([{ chunk, encoding }], cb);
    else throw errors.notImplemented('_write()');
  };
  Writable.prototype._writev = null;

  Writable.prototype.end = function (chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = null;
      encoding = null;
    } else if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    let err;
    if (chunk !== null && chunk !== undefined) {
      const ret = writeChunk(this, chunk, encoding);
      if (ret instanceof Error) err = ret;
    }
    if (state.corked) {
      state.corked = 1;
      this.uncork();
    }
    if (err) {
      // The write's own error has been reported.
    } else if (!state.errored && !state.ending) {
      state.ending = true;
      finishMaybe(this, state, true);
      state.ended = true;
    } else if (state.finished) {
      err = errors.alreadyFinished('end');
    } else if (state.destroyed) {
      err = errors.destroyed('end');
    }
    if (typeof cb === 'function') {
      if (err || state.finished) process.nextTick(cb, err);
      else state[kOnFinished].push(cb);
    }
    return this;
  };

  function needFinish(state) {
    return state.ending && !state.destroyed && state.constructed && state.length === 0 &&
      !state.errored && state.buffered.length === 0 && !state.finished && !state.writing &&
      !state.errorEmitted && !state.closeEmitted;
  }

  function callFinal(stream, state) {
    let called = false;
    function onFinish(err) {
      if (called) {
        errorOrDestroy(stream, err != null ? err : errors.multipleCallback());
        return;
      }
      called = true;
      state.pendingcb--;
      if (err) {
        for (const callback of state[kOnFinished].splice(0)) callback(err);
        errorOrDestroy(stream, err, state.sync);
      } else if (needFinish(state)) {
        state.prefinished = true;
        stream.emit('prefinish');
        state.pendingcb++;
        process.nextTick(finish, stream, state);
      }
    }
    state.sync = true;
    state.pendingcb++;
    try {
      stream._final(onFinish);
    } catch (err) {
      onFinish(err);
    }
    state.sync = false;
  }

  function prefinish(stream, state) {
    if (!state.prefinished && !state.finalCalled) {
      if (typeof stream._final === 'function' && !state.destroyed) {
        state.finalCalled = true;
        callFinal(stream, state);
      } else {
        state.prefinished = true;
        stream.emit('prefinish');
      }
    }
  }

  function finishMaybe(stream, state, sync) {
    if (needFinish(state)) {
      prefinish(stream, state);
      if (state.pendingcb === 0) {
        if (sync) {
          state.pendingcb++;
          process.nextTick((s, st) => {
            if (needFinish(st)) finish(s, st);
            else st.pendingcb--;
          }, stream, state);
        } else if (needFinish(state)) {
          state.pendingcb++;
          finish(stream, state);
        }
      }
    }
  }

  function finish(stream, state) {
    state.pendingcb--;
    state.finished = true;
    for (const callback of state[kOnFinished].splice(0)) callback(null);
    stream.emit('finish');
    if (state.autoDestroy) {
      const r = stream._readableState;
      if (!r || (r.autoDestroy && (r.endEmitted || r.readable === false))) stream.destroy();
    }
  }

  const writableProperties = {
    writable: {
      get() {
        const w = this._writableState;
        return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
      },
      set(value) {
        if (this._writableState) this._writableState.writable = !!value;
      },
    },
    writableFinished: { get() { return this._writableState ? this._writableState.finished : false; } },
    writableObjectMode: { get() { return this._writableState ? this._writableState.objectMode : false; } },
    writableBuffer: { get() { return this._writableState && this._writableState.getBuffer(); } },
    writableEnded: { get() { return this._writableState ? this._writableState.ending : false; } },
    writableNeedDrain: {
      get() {
        const w = this._writableState;
        return w ? !w.destroyed && !w.ending && w.needDrain : false;
      },
    },
    writableHighWaterMark: { get() { return this._writableState && this._writableState.highWaterMark; } },
    writableCorked: { get() { return this._writableState ? this._writableState.corked : 0; } },
    writableLength: { get() { return this._writableState && this._writableState.length; } },
    writableAborted: {
      get() {
        const w = this._writableState;
        return !!(w.writable !== false && (w.destroyed || w.errored) && !w.finished);
      },
    },
  };
  for (const [name, descriptor] of Object.entries(writableProperties)) {
    Object.defineProperty(Writable.prototype, name, { ...descriptor, enumerable: false, configurable: true });
  }
  Object.defineProperties(Writable.prototype, {
    errored: { get() { return this._writableState ? this._writableState.errored : null; }, configurable: true },
    closed: { get() { return this._writableState ? this._writableState.closed : false; }, configurable: true },
    destroyed: {
      get() { return this._writableState ? this._writableState.destroyed : false; },
      set(value) { if (this._writableState) this._writableState.destroyed = value; },
      configurable: true,
    },
  });

  Writable.prototype.destroy = function (err, cb) {
    const state = this._writableState;
    // Writes still buffered fail now, unless a write is in flight (its callback reports them).
    if (!state.destroyed && (state.bufferedIndex < state.buffered.length || state[kOnFinished].length)) {
      process.nextTick(errorBuffer, state);
    }
    destroy.call(this, err, cb);
    return this;
  };
  Writable.prototype._undestroy = undestroy;
  Writable.prototype._destroy = function (err, cb) { cb(err); };
  Writable.prototype[Symbol.for('nodejs.rejection')] = function (err) { this.destroy(err); };

  // ---- Duplex, Transform, PassThrough ----

  function Duplex(options) {
    if (!(this instanceof Duplex)) return new Duplex(options);
    eventSlots(this, ['close', 'error', 'prefinish', 'finish', 'drain', 'data', 'end', 'readable']);
    Readable.call(this, options);
    Writable.call(this, options);
    if (options) {
      this.allowHalfOpen = options.allowHalfOpen !== false;
      if (options.readable === false) {
        this._readableState.readable = false;
        this._readableState.ended = true;
        this._readableState.endEmitted = true;
      }
      if (options.writable === false) {
        this._writableState.writable = false;
        this._writableState.ending = true;
        this._writableState.ended = true;
        this._writableState.finished = true;
      }
      if (options.signal) addAbortSignal(options.signal, this);
    } else {
      this.allowHalfOpen = true;
    }
  }
  Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
  Object.setPrototypeOf(Duplex, Readable);
  for (const method of ['write', 'cork', 'uncork', 'setDefaultEncoding', 'end', '_write']) {
    Duplex.prototype[method] = Writable.prototype[method];
  }
  Duplex.prototype._writev = null;
  for (const name of Object.keys(writableProperties)) {
    Object.defineProperty(Duplex.prototype, name, Object.getOwnPropertyDescriptor(Writable.prototype, name));
  }
  Object.defineProperty(Duplex.prototype, 'destroyed', {
    get() {
      if (this._readableState === undefined || this._writableState === undefined) return false;
      return this._readableState.destroyed && this._writableState.destroyed;
    },
    set(value) {
      if (this._readableState && this._writableState) {
        this._readableState.destroyed = value;
        this._writableState.destroyed = value;
      }
    },
    configurable: true,
  });
  Duplex.prototype.destroy = Writable.prototype.destroy;

  Duplex.from = function (body) {
    if (body instanceof Duplex) return body;
    if (isReadableNodeStream(body)) return duplexFromPair(body, null);
    if (isWritableNodeStream(body)) return duplexFromPair(null, body);
    if (typeof body === 'function') return duplexFromFunction(body);
    if (isIterable(body)) return readableFrom(Duplex, body, { objectMode: true, writable: false });
    if (body && typeof body.then === 'function') {
      const d = new Duplex({ objectMode: true, writable: false, read() {} });
      body.then((value) => { if (value != null) d.push(value); d.push(null); }, (err) => d.destroy(err));
      return d;
    }
    if (typeof body === 'string' || body instanceof Buffer) {
      return new Duplex({ objectMode: true, writable: false, read() { this.push(body); this.push(null); } });
    }
    if (body && (body.readable || body.writable) && typeof body === 'object') {
      return duplexFromPair(body.readable, body.writable);
    }
    throw host.invalidArgType('body', 'an instance of Stream, Iterable, AsyncIterable or Promise', body);
  };

  // A Duplex over an async generator function: what is written becomes the iterable the
  // function reads, and what it yields (or the promise it returns) becomes the readable side.
  function duplexFromFunction(fn) {
    let next = deferred();
    const controller = new AbortController();
    const signal = controller.signal;
    const value = fn((async function* () {
      while (true) {
        const current = next;
        next = null;
        const { chunk, done, cb } = await current.promise;
        process.nextTick(cb);
        if (done) return;
        if (signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
        next = deferred();
        yield chunk;
      }
    })(), { signal });
    const write = (chunk, encoding, cb) => next.resolve({ chunk, done: false, cb });
    const final = (cb) => next.resolve({ done: true, cb });
    const destroy = (err, cb) => {
      controller.abort();
      cb(err);
    };
    if (isIterable(value)) return readableFrom(Duplex, value, { objectMode: true, write, final, destroy });
    if (value && typeof value.then === 'function') {
      let d;
      value.then((result) => {
        if (result != null) throw errors.invalidReturn('nully', 'body', result);
      }, (err) => destroyer(d, err));
      d = new Duplex({
        objectMode: true,
        readable: false,
        write,
        final(cb) {
          final(async () => {
            try {
              await value;
              process.nextTick(cb, null);
            } catch (err) {
              process.nextTick(cb, err);
            }
          });
        },
        destroy,
      });
      return d;
    }
    throw errors.invalidReturn('Iterable, AsyncIterable or AsyncFunction', fn.name || 'body', value);
  }

  function deferred() {
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    return { promise, resolve };
  }

  function duplexFromPair(readable, writable) {
    const d = new Duplex({
      objectMode: true,
      readable: !!readable,
      writable: !!writable,
      write(chunk, encoding, callback) {
        if (writable.write(chunk, encoding)) callback();
        else writable.once('drain', callback);
      },
      final(callback) {
        writable.end();
        finished(writable, callback);
      },
      read() {
        if (readable) readable.resume();
      },
      destroy(err, callback) {
        if (readable) destroyer(readable, err);
        if (writable) destroyer(writable, err);
        callback(err);
      },
    });
    if (readable) {
      readable.on('data', (chunk) => { if (!d.push(chunk)) readable.pause(); });
      readable.on('end', () => d.push(null));
      readable.on('error', (err) => d.destroy(err));
    }
    return d;
  }

  function Transform(options) {
    if (!(this instanceof Transform)) return new Transform(options);
    const readableHighWaterMark = options ? getHighWaterMark(options, 'readableHighWaterMark', true) : null;
    if (readableHighWaterMark === 0) {
      options = {
        ...options,
        highWaterMark: null,
        readableHighWaterMark,
        writableHighWaterMark: options.writableHighWaterMark || 0,
      };
    }
    Duplex.call(this, options);
    this._readableState.sync = false;
    this[kCallback] = null;
    if (options) {
      if (typeof options.transform === 'function') this._transform = options.transform;
      if (typeof options.flush === 'function') this._flush = options.flush;
    }
    this.on('prefinish', transformPrefinish);
  }
  Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
  Object.setPrototypeOf(Transform, Duplex);

  function transformFinal(cb) {
    if (typeof this._flush === 'function' && !this.destroyed) {
      this._flush((er, data) => {
        if (er) {
          if (cb) cb(er);
          else this.destroy(er);
          return;
        }
        if (data != null) this.push(data);
        this.push(null);
        if (cb) cb();
      });
    } else {
      this.push(null);
      if (cb) cb();
    }
  }

  function transformPrefinish() {
    if (this._final !== transformFinal) transformFinal.call(this);
  }

  Transform.prototype._final = transformFinal;

  Transform.prototype._transform = function () {
    throw errors.notImplemented('_transform()');
  };

  Transform.prototype._write = function (chunk, encoding, callback) {
    const r = this._readableState;
    const w = this._writableState;
    const length = r.length;
    this._transform(chunk, encoding, (err, value) => {
      if (err) {
        callback(err);
        return;
      }
      if (value != null) this.push(value);
      if (w.ended || length === r.length || r.length < r.highWaterMark) callback();
      else this[kCallback] = callback;
    });
  };

  Transform.prototype._read = function () {
    if (this[kCallback]) {
      const callback = this[kCallback];
      this[kCallback] = null;
      callback();
    }
  };

  function PassThrough(options) {
    if (!(this instanceof PassThrough)) return new PassThrough(options);
    Transform.call(this, options);
  }
  Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
  Object.setPrototypeOf(PassThrough, Transform);
  PassThrough.prototype._transform = function (chunk, encoding, cb) {
    cb(null, chunk);
  };

  // `duplexPair()`: two Duplex streams joined back to back, what is written to one being read
  // from the other; a write completes when the other side has read it.
  const kOtherSide = Symbol('kOtherSide');
  class DuplexSide extends Duplex {
    _read() {
      const other = this[kOtherSide];
      const callback = other[kCallback];
      if (callback) {
        other[kCallback] = null;
        callback();
      }
    }

    _write(chunk, encoding, callback) {
      if (chunk.length === 0) {
        process.nextTick(callback);
      } else {
        this[kOtherSide].push(chunk);
        this[kCallback] = callback;
      }
    }

    _final(callback) {
      this[kOtherSide].on('end', callback);
      this[kOtherSide].push(null);
    }
  }

  function duplexPair(options) {
    const first = new DuplexSide(options);
    const second = new DuplexSide(options);
    first[kOtherSide] = second;
    second[kOtherSide] = first;
    return [first, second];
  }

  // `finished`, `pipeline`, `addAbortSignal` and their promise forms (stream_pipeline.js), and
  // the operators (stream_operators.js), built on what this file defines.
  const { finished, finishedPromise, pipeline, pipelinePromise, addAbortSignal } = host.internal('stream_pipeline')({
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
  });
  host.internal('stream_operators')({
    Readable,
    Writable,
    AbortController,
    AbortError,
    AbortSignal,
    errors,
    nop,
    finished,
    finishedPromise,
  });

  // Named as Node names them (promisify(stream.finished).name is 'finished').
  Object.defineProperty(pipelinePromise, 'name', { value: 'pipeline' });
  Object.defineProperty(finishedPromise, 'name', { value: 'finished' });
  const promises = { pipeline: pipelinePromise, finished: finishedPromise };
  Object.defineProperty(pipeline, Symbol.for('nodejs.util.promisify.custom'), {
    get: () => pipelinePromise,
    enumerable: true,
  });
  Object.defineProperty(finished, Symbol.for('nodejs.util.promisify.custom'), {
    get: () => finishedPromise,
    enumerable: true,
  });
  finished.finished = finished;

  Object.assign(Stream, {
    Stream,
    Readable,
    Writable,
    Duplex,
    Transform,
    PassThrough,
    finished,
    pipeline,
    addAbortSignal,
    duplexPair,
    destroy: destroyer,
    isDisturbed,
    isErrored,
    isReadable,
    isWritable,
    getDefaultHighWaterMark,
    setDefaultHighWaterMark,
    _isUint8Array: isUint8Array,
    _uint8ArrayToBuffer: toBuffer,
  });
  Object.defineProperty(Stream, 'promises', { get: () => promises, enumerable: true, configurable: true });
  return Stream;
})(globalThis.__codebox);
