// process.on('uncaughtException') as Node 20 has it: called for an error thrown in a timer, an
// immediate, a nextTick callback or the main module, after 'uncaughtExceptionMonitor', and the
// program goes on.
const seen = [];
process.on('uncaughtExceptionMonitor', (err, origin) => seen.push(`monitor ${err.message} ${origin}`));
process.on('uncaughtException', (err, origin) => {
  console.log('caught', err.message, origin);
});
setTimeout(() => { throw new Error('in a timer'); }, 1);
setTimeout(() => {
  console.log('the loop goes on');
  setImmediate(() => { throw new TypeError('in an immediate'); });
}, 5);
process.nextTick(() => { throw new RangeError('in a tick'); });
process.on('exit', (code) => console.log('exit', code, seen.length));
throw new Error('in main');
