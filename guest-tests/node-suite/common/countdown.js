// `require('../common/countdown')`: calls a function once after `limit` decrements.
'use strict';

const assert = require('assert');
const { mustCall } = require('./');

class Countdown {
  #remaining;
  #callback;

  constructor(limit, callback) {
    assert.strictEqual(typeof limit, 'number');
    assert.strictEqual(typeof callback, 'function');
    this.#remaining = limit;
    this.#callback = mustCall(callback);
  }

  dec() {
    assert(this.#remaining > 0, 'Countdown expired');
    if (--this.#remaining === 0) this.#callback();
    return this.#remaining;
  }

  get remaining() {
    return this.#remaining;
  }
}

module.exports = Countdown;
