import greet, { VERSION, sum, Stack as S } from './lib/utils.mjs';
import * as utils from './lib/utils.mjs';
import { counter, increment } from './lib/state.mjs';
import data from './lib/data.mjs';
console.log(greet('ESM'), VERSION, sum(1, 2, 3));
const s = new S(); s.push(1); s.push(2);
console.log(s, s.peek());
console.log(Object.keys(utils).sort(), typeof utils.default);
console.log(utils[Symbol.toStringTag]);
console.log(counter); increment(); increment();
console.log('live binding:', counter);
console.log(data);
console.log(typeof require, typeof module, typeof __filename, typeof import.meta.url, import.meta.url.endsWith('/main.mjs'));
const dyn = await import('./lib/lazy.mjs');
console.log(dyn.default, dyn.lazyValue);
try { counter = 5; } catch (e) { console.log(e.name); }
console.log(this);
