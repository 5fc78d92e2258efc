const fs = require('fs');
const log = [];
fs.readFile(__filename, () => {
  setTimeout(() => log.push('timeout in io'), 0);
  setImmediate(() => log.push('immediate in io'));
  process.nextTick(() => log.push('nextTick in io'));
  Promise.resolve().then(() => log.push('promise in io'));
});
setTimeout(() => {
  log.push('timeout 1');
  Promise.resolve().then(() => log.push('promise inside timeout 1'));
  process.nextTick(() => log.push('nextTick inside timeout 1'));
}, 0);
setTimeout(() => log.push('timeout 2'), 0);
process.nextTick(() => log.push('nextTick'));
Promise.resolve().then(() => {
  log.push('promise');
  process.nextTick(() => log.push('nextTick from promise'));
  Promise.resolve().then(() => log.push('promise from promise'));
});
setTimeout(() => {
  console.log(log.filter((x) => !x.includes(' io')));
  console.log(log.filter((x) => x.includes(' io')));
}, 300);
process.on('exit', (code) => console.log('exit event, code', code, 'entries', log.length));
process.on('beforeExit', () => { if (!log.includes('beforeExit')) { log.push('beforeExit'); console.log('beforeExit fired'); } });
