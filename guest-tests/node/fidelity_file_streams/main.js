// Reading a file line by line as candidates do (fs.createReadStream into readline), piping one
// file into another, a missing file's error through readline, and the os calls that answer the
// same in a sandbox as anywhere.
const fs = require('fs');
const readline = require('readline');
const { pipeline } = require('stream/promises');
const os = require('os');
const qs = require('querystring');

fs.writeFileSync('/tmp/input.txt', 'alpha\nbeta\r\ngamma');

(async () => {
  const rl = readline.createInterface({ input: fs.createReadStream('/tmp/input.txt'), crlfDelay: Infinity });
  const lines = [];
  for await (const line of rl) lines.push(line);
  console.log('lines', lines);

  const out = fs.createWriteStream('/tmp/copy.txt');
  out.on('open', (fd) => console.log('write stream open', typeof fd));
  await pipeline(fs.createReadStream('/tmp/input.txt', { start: 6, end: 9 }), out);
  console.log('copied', JSON.stringify(fs.readFileSync('/tmp/copy.txt', 'utf8')), out.bytesWritten);

  const chunks = [];
  for await (const chunk of fs.createReadStream('/tmp/input.txt', { encoding: 'utf8', highWaterMark: 4 })) chunks.push(chunk);
  console.log('chunks', chunks);

  const missing = readline.createInterface({ input: fs.createReadStream('/tmp/nope.txt') });
  try {
    for await (const line of missing) console.log(line);
  } catch (err) {
    console.log('missing', err.code, err.syscall);
  }

  console.log(os.EOL === '\n', os.devNull, typeof os.availableParallelism(), os.loadavg().length, os.constants.signals.SIGTERM, os.constants.priority.PRIORITY_LOW);
  try { os.getPriority(-1); } catch (err) { console.log(err.name, err.code); }
  console.log(qs.escape('\ud801test'), qs.escape('a b&c'));
})();
