const assert = require('assert');
const { strict } = require('node:assert');
assert.strictEqual(1 + 1, 2);
assert.deepStrictEqual({ a: [1, 2, { b: 3 }] }, { a: [1, 2, { b: 3 }] });
assert.notStrictEqual(1, '1');
assert.ok(true);
assert(1);
assert.equal(1, '1');
assert.deepEqual({ a: 1 }, { a: '1' });
assert.notDeepStrictEqual({ a: 1 }, { a: '1' });
assert.throws(() => { throw new TypeError('wrong type'); }, TypeError);
assert.throws(() => { throw new Error('match me'); }, /match/);
assert.throws(() => { throw new Error('exact'); }, { message: 'exact', name: 'Error' });
assert.doesNotThrow(() => 42);
assert.match('hello world', /wor/);
strict.equal(3, 3);
console.log('all passing assertions passed');
function check(label, fn) {
  try { fn(); console.log(label, 'passed'); } catch (e) {
    console.log(label, 'failed:', e.name, e.code, JSON.stringify(e.message));
    console.log('  actual/expected/operator:', e.actual, e.expected, e.operator, e instanceof assert.AssertionError);
  }
}
check('strictEqual', () => assert.strictEqual(2 + 2, 5));
check('strictEqual msg', () => assert.strictEqual(1, 2, 'custom failure message'));
check('ok', () => assert.ok(0));
check('ok msg', () => assert.ok(null, 'value must be truthy'));
check('equal', () => assert.equal('a', 'b'));
check('notStrictEqual', () => assert.notStrictEqual(7, 7));
check('throws none', () => assert.throws(() => {}));
check('fail', () => assert.fail('explicit fail'));
check('error msg', () => assert.strictEqual(1, 2, new RangeError('custom error object')));
check('deep', () => assert.deepStrictEqual([1, 2], [1, 2]));
assert.rejects(Promise.reject(new Error('async boom')), /boom/).then(() => console.log('rejects passed'));
assert.doesNotReject(Promise.resolve(1)).then(() => console.log('doesNotReject passed'));
