// The `readline` and `readline/promises` modules over process.stdin.
(function (host) {
  'use strict';

  // ---- readline ----

  const { EventEmitter } = host;

  class Interface extends EventEmitter {
    constructor(input, output, completer, terminal) {
      super();
      const options = input && input.input !== undefined ? input : { input, output };
      this.input = options.input;
      this.output = options.output;
      this.terminal = false;
      this.line = '';
      this.closed = false;
      this._prompt = options.prompt === undefined ? '> ' : options.prompt;
      this._buffer = '';
      this._questions = [];
      this._paused = false;
      // Bytes are decoded across chunks: a character split between two chunks stays whole.
      const decoder = new (host.internal('string_decoder').StringDecoder)('utf8');
      this._onData = (chunk) => this._feed(typeof chunk === 'string' ? chunk : decoder.write(chunk));
      this._onEnd = () => {
        const tail = decoder.end();
        if (tail) this._buffer += tail;
        if (this._buffer.length > 0) { const rest = this._buffer; this._buffer = ''; this._line(rest); }
        this.close();
      };
      // An error of the input is the interface's: its 'error' event, and a rejection of its
      // async iterator.
      this._onError = (err) => this.emit('error', err);
      this.input.on('data', this._onData);
      this.input.on('end', this._onEnd);
      this.input.on('error', this._onError);
      if (typeof this.input.resume === 'function') this.input.resume();
    }
    _feed(text) {
      this._buffer += text;
      let i;
      // Like Node, every line of a chunk is emitted even if a listener closes the interface.
      while ((i = this._buffer.search(/\r\n|\n|\r/)) !== -1) {
        const line = this._buffer.slice(0, i);
        const sep = this._buffer[i] === '\r' && this._buffer[i + 1] === '\n' ? 2 : 1;
        this._buffer = this._buffer.slice(i + sep);
        this._line(line);
      }
    }
    _line(line) {
      if (this._questions.length > 0) {
        const callback = this._questions.shift();
        callback(line);
      } else {
        this.emit('line', line);
      }
    }
    setPrompt(prompt) { this._prompt = prompt; }
    getPrompt() { return this._prompt; }
    prompt() { if (this.output) this.output.write(this._prompt); }
    question(query, options, callback) {
      if (typeof options === 'function') callback = options;
      if (this.closed) {
        const e = new Error('readline was closed');
        host.coded(e, 'ERR_USE_AFTER_CLOSE');
        throw e;
      }
      if (this.output) this.output.write(query);
      this._questions.push(callback);
    }
    write(data) { if (this.output) this.output.write(data); }
    pause() { this._paused = true; this.emit('pause'); return this; }
    resume() { this._paused = false; this.emit('resume'); return this; }
    close() {
      if (this.closed) return;
      this.closed = true;
      this.input.removeListener('data', this._onData);
      this.input.removeListener('end', this._onEnd);
      this.input.removeListener('error', this._onError);
      if (typeof this.input.pause === 'function' && this.input.listenerCount('data') === 0) this.input.pause();
      this.emit('close');
    }
    [Symbol.asyncIterator]() {
      if (this._iterator) return this._iterator;
      const lines = [];
      const waiting = [];
      let done = false;
      this.on('line', (line) => {
        if (waiting.length > 0) waiting.shift().resolve({ value: line, done: false });
        else lines.push(line);
      });
      this.on('close', () => {
        done = true;
        while (waiting.length > 0) waiting.shift().resolve({ value: undefined, done: true });
      });
      let failure = null;
      this.on('error', (err) => {
        failure = err;
        while (waiting.length > 0) waiting.shift().reject(err);
      });
      const iterator = {
        next: () => {
          if (lines.length > 0) return Promise.resolve({ value: lines.shift(), done: false });
          if (failure) {
            const err = failure;
            failure = null;
            done = true;
            return Promise.reject(err);
          }
          if (done) return Promise.resolve({ value: undefined, done: true });
          return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
        },
        return: () => { this.close(); return Promise.resolve({ value: undefined, done: true }); },
        [Symbol.asyncIterator]() { return iterator; },
      };
      this._iterator = iterator;
      return iterator;
    }
  }
  const readline = {
    Interface,
    createInterface: (input, output, completer, terminal) => new Interface(input, output, completer, terminal),
    clearLine: () => true,
    cursorTo: () => true,
    moveCursor: () => true,
    emitKeypressEvents: () => {},
  };
  class PromisesInterface extends Interface {
    question(query) { return new Promise((resolve) => super.question(query, resolve)); }
  }
  const readlinePromises = { Interface: PromisesInterface, createInterface: (input, output) => new PromisesInterface(input, output) };
  readline.promises = readlinePromises;

  return readline;
})(globalThis.__codebox);
