const log = (...a) => console.log(...a);
async function a1() { log('a1 start'); await a2(); log('a1 end'); }
async function a2() { log('a2'); }
log('script start');
setTimeout(() => log('setTimeout'), 0);
a1();
new Promise((resolve) => { log('promise executor'); resolve(); })
  .then(() => log('then 1'))
  .then(() => log('then 2'))
  .then(() => log('then 3'));
log('script end');
async function returnsPromise() { return Promise.resolve('rp'); }
async function returnsValue() { return 'rv'; }
returnsPromise().then((v) => log('resolved', v));
returnsValue().then((v) => log('resolved', v));
Promise.resolve().then(() => log('p1')).then(() => log('p2')).then(() => log('p3')).then(() => log('p4'));
(async () => {
  try { await Promise.reject(new Error('awaited rejection')); } catch (e) { log('caught', e.message); }
  const r = await Promise.all([1, 2, 3].map(async (x) => x * 2));
  log('mapped', r);
  for await (const v of [Promise.resolve('fa1'), 'fa2', new Promise((r) => setTimeout(() => r('fa3'), 5))]) log('for await', v);
  async function* agen() { for (let i = 0; i < 3; i++) { await new Promise((r) => setTimeout(r, 1)); yield i; } }
  const collected = [];
  for await (const v of agen()) collected.push(v);
  log('async gen', collected);
  const it = agen();
  log(await it.next(), await it.return('early'), await it.next());
})();
