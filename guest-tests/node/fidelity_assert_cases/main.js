// assert and util.isDeepStrictEqual as Node 20 has them: -0 in typed arrays (strict and loose),
// boxed Symbols and BigInts, ifError's AssertionError, a fake Date, and assert.CallTracker.
const assert = require('assert');
const util = require('util');
const show = (f) => { try { console.log(f()); } catch (e) { console.log('throws', e.name, e.code, e.message.split('\n')[0]); } };
show(() => util.isDeepStrictEqual(new Float64Array([0]), new Float64Array([-0])));
show(() => util.isDeepStrictEqual([0], [-0]));
show(() => util.isDeepStrictEqual(new Float32Array([NaN]), new Float32Array([NaN])));
show(() => assert.deepEqual(new Float64Array([0]), new Float64Array([-0])) || 'loose ok');
show(() => util.isDeepStrictEqual(Object(Symbol.iterator), Object(Symbol.iterator)));
show(() => util.isDeepStrictEqual(Object(Symbol('a')), Object(Symbol('a'))));
show(() => util.isDeepStrictEqual(Object(1), Object(2)));
show(() => assert.ifError(null) || 'null ok');
show(() => assert.ifError(new Error('boom')));
show(() => assert.ifError('str'));
show(() => { const fake = Object.create(Date.prototype); return util.isDeepStrictEqual(fake, new Date(0)); });
show(() => typeof assert.CallTracker);
show(() => assert.strictEqual(1, 2));
show(() => assert.deepStrictEqual({ a: 1 }, { a: 2 }));
const tracker = new assert.CallTracker();
function tracked(x) { return x * 2; }
const call = tracker.calls(tracked, 2);
console.log(call(3), call.name, tracker.getCalls(call).length);
try { tracker.verify(); } catch (e) { console.log(e.name, e.code, e.message); }
call(4);
tracker.verify();
console.log('verified', tracker.report().length);
tracker.reset(call);
console.log(tracker.getCalls(call).length, tracker.report()[0].message);
show(() => util.isDeepStrictEqual(Object(10n), Object(10n)));
show(() => util.isDeepStrictEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])));
