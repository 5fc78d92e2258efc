const delay = (ms, v, fail = false) => new Promise((res, rej) => setTimeout(() => (fail ? rej(new Error(v)) : res(v)), ms));
async function main() {
  console.log(await Promise.all([delay(30, 'a'), delay(10, 'b'), 'plain', Promise.resolve(4)]));
  try { await Promise.all([delay(10, 'ok'), delay(5, 'boom', true)]); } catch (e) { console.log('all rejected:', e.message); }
  console.log(await Promise.race([delay(40, 'slow'), delay(10, 'fast')]));
  const settled = await Promise.allSettled([delay(5, 'yes'), delay(1, 'no', true), 42]);
  console.log(settled.map((s) => (s.status === 'fulfilled' ? s : { status: s.status, reason: s.reason.message })));
  console.log(await Promise.any([delay(20, 'x', true), delay(15, 'first ok'), delay(30, 'late')]));
  try { await Promise.any([Promise.reject(new Error('e1')), Promise.reject(new Error('e2'))]); } catch (e) { console.log(e.constructor.name, e.errors.map((x) => x.message)); }
  const results = [];
  for (const ms of [15, 5, 10]) results.push(await delay(ms, ms));
  console.log('sequential', results);
  const order = [];
  await Promise.all([15, 5, 10].map(async (ms) => { await delay(ms); order.push(ms); }));
  console.log('parallel completion order', order);
  const p = Promise.resolve(1);
  console.log(p, Promise.reject(new Error('x')).catch(() => {}) instanceof Promise);
  console.log(new Promise(() => {}));
  const rejected = Promise.reject(3); rejected.catch(() => {});
  console.log(rejected);
  const chained = await Promise.resolve(1).then((v) => v + 1).then((v) => { throw new Error('mid ' + v); }).catch((e) => e.message).finally(() => console.log('finally!'));
  console.log(chained);
  const thenable = { then(res) { res('from thenable'); } };
  console.log(await thenable);
  const { promise, resolve } = Promise.withResolvers ? Promise.withResolvers() : (() => { let resolve; const promise = new Promise((r) => (resolve = r)); return { promise, resolve }; })();
  setTimeout(() => resolve('resolved later'), 1);
  console.log(await promise);
}
main().then(() => console.log('done'));
