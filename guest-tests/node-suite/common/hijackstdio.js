// `require('../common/hijackstdio')`: lets a test see what is written to stdout or stderr,
// while it is still written.
'use strict';

const saved = {};

function hijack(name, listener) {
  const stream = process[name];
  const write = saved[name] = stream.write;
  stream.writeTimes = 0;
  stream.write = function(data, callback) {
    try {
      listener(data);
    } catch (error) {
      // Thrown later, so that the write itself still happens.
      process.nextTick(() => { throw error; });
    }
    write.call(stream, data, callback);
    stream.writeTimes++;
  };
}

function restore(name) {
  process[name].write = saved[name];
  delete process[name].writeTimes;
}

module.exports = {
  hijackStdout: (listener) => hijack('stdout', listener),
  hijackStderr: (listener) => hijack('stderr', listener),
  restoreStdout: () => restore('stdout'),
  restoreStderr: () => restore('stderr'),
};
