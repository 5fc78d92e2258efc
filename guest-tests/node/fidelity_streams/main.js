// Node's streams as interview code uses them: a Readable from an iterable, a Transform,
// pipeline with a callback and with promises, backpressure, object mode, async iteration,
// string decoding across chunks, errors and the order of 'error' and 'close'.
const { Readable, Writable, Transform, PassThrough, pipeline, finished } = require('stream');
const { pipeline: pipelineAsync } = require('stream/promises');
const { StringDecoder } = require('string_decoder');

const events = [];
const upper = new Transform({
  transform(chunk, encoding, callback) {
    callback(null, chunk.toString().toUpperCase());
  },
});
const collected = [];
const sink = new Writable({
  write(chunk, encoding, callback) {
    collected.push(chunk.toString());
    callback();
  },
});
sink.on('finish', () => events.push('finish'));
pipeline(Readable.from(['a', 'b', 'c']), upper, sink, (err) => {
  console.log('pipeline done', err, collected, events);
});

(async () => {
  const lines = [];
  await pipelineAsync(
    Readable.from(['one\ntw', 'o\nthree\n']),
    async function* (source) {
      let rest = '';
      for await (const chunk of source) {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop();
        yield* parts;
      }
    },
    new Writable({
      objectMode: true,
      write(line, _, cb) { lines.push(line); cb(); },
    }),
  );
  console.log('lines', lines);

  const r = new Readable({ read() {} });
  r.push('x');
  r.push('y');
  r.push(null);
  let all = '';
  for await (const chunk of r) all += chunk;
  console.log('iterated', all, r.destroyed, r.readableEnded);

  const small = new Writable({ highWaterMark: 3, write(c, e, cb) { setImmediate(cb); } });
  console.log('write returns', small.write('ab'), small.write('cd'), small.writableLength, small.writableNeedDrain);
  small.once('drain', () => console.log('drained', small.writableLength));

  const failing = new Readable({ read() { this.destroy(new Error('boom')); } });
  const order = [];
  failing.on('error', (e) => order.push(`error ${e.message}`));
  failing.on('close', () => { order.push('close'); console.log('order', order, failing.errored.message); });
  failing.resume();

  const pt = new PassThrough({ objectMode: true });
  pt.end({ n: 1 });
  finished(pt.resume(), (err) => console.log('finished', err));

  const euro = Buffer.from('€');
  const decoder = new StringDecoder('utf8');
  console.log('decoded', JSON.stringify(decoder.write(euro.subarray(0, 1))), decoder.write(euro.subarray(1)), JSON.stringify(decoder.end(Buffer.from([0xe2]))));
  const hex = new StringDecoder('base64');
  console.log('base64', hex.write(Buffer.from('ab')), hex.end(Buffer.from('c')));

  const w = new Writable({ write(c, e, cb) { cb(); } });
  w.end();
  w.write('late', (err) => console.log('late write', err.code, err.message));
  w.on('error', (err) => console.log('error event', String(err)));
})();
