// `require('../common/arraystream')`: a stream that emits each line of an array as 'data', for
// the readline and console tests.
'use strict';

const { Stream } = require('stream');

const noop = () => {};

function ArrayStream() {
  this.run = function(lines) {
    for (const line of lines) this.emit('data', `${line}\n`);
  };
}

Object.setPrototypeOf(ArrayStream.prototype, Stream.prototype);
Object.setPrototypeOf(ArrayStream, Stream);
Object.assign(ArrayStream.prototype, {
  readable: true,
  writable: true,
  pause: noop,
  resume: noop,
  write: noop,
});

module.exports = ArrayStream;
