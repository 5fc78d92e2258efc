const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  const events = [];
  let next = 0, active = 0, maxActive = 0;
  async function worker(w) {
    while (next < tasks.length) {
      const i = next++;
      active++; maxActive = Math.max(maxActive, active);
      events.push(`w${w} start ${i}`);
      results[i] = await tasks[i]();
      events.push(`w${w} done ${i}`);
      active--;
    }
  }
  await Promise.all(Array.from({ length: limit }, (_, w) => worker(w)));
  return { results, events, maxActive };
}
const durations = [50, 10, 25, 30, 60, 15];
const tasks = durations.map((ms, i) => async () => { await sleep(ms); return `task${i}:${ms}ms`; });
pool(tasks, 2).then(({ results, events, maxActive }) => {
  console.log(results);
  console.log(events);
  console.log('max concurrent:', maxActive);
  return retry();
}).then((v) => { console.log('retry result:', v); return timeouts(); }).then(() => console.log('all done'));
async function retry() {
  let attempts = 0;
  const flaky = async () => { attempts++; await sleep(1); if (attempts < 3) throw new Error(`attempt ${attempts} failed`); return `ok after ${attempts}`; };
  for (let i = 0, delay = 2; ; i++, delay *= 2) {
    try { return await flaky(); } catch (e) { console.log(e.message, '- retrying in', delay, 'ms'); await sleep(delay); }
  }
}
function timeout(p, ms) { return Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(`timed out after ${ms}ms`)), ms))]); }
async function timeouts() {
  console.log(await timeout(sleep(20).then(() => 'finished before deadline'), 80));
  await timeout(new Promise(() => {}), 30).catch((e) => console.log(e.message));
}
