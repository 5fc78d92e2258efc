// What a failed assertion says, as Node 20 says it, and the first line of an error's stack.
const assert = require('assert');
const show = (label, fn) => {
  try {
    fn();
    console.log(label, 'passed');
  } catch (e) {
    console.log(`${label}: ${e.name} ${e.code} generated=${e.generatedMessage} operator=${e.operator}`);
    console.log(e.message);
    console.log('stack starts:', JSON.stringify(e.stack.split('\n')[0]));
  }
};

show('deep object', () => assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 2, b: [1, 2] }));
show('long array', () => assert.deepStrictEqual(Array.from({ length: 30 }, (_, i) => i), Array.from({ length: 30 }, (_, i) => (i === 15 ? -1 : i))));
show('short values', () => assert.strictEqual(1, 2));
show('caret', () => assert.strictEqual('hello world', 'hello there'));
show('same shape', () => assert.strictEqual({ a: 1 }, { a: 1 }));
show('custom message', () => assert.deepStrictEqual({ a: 1 }, { a: 2 }, 'the totals differ'));
show('loose deep', () => assert.deepEqual({ a: 1 }, { a: 2 }));
show('not deep', () => assert.notDeepStrictEqual([1, 2], [1, 2]));
show('not strict', () => assert.notStrictEqual('same', 'same'));
show('equal', () => assert.equal(1, 2));
show('errors', () => assert.deepStrictEqual(new Error('a'), new Error('b')));
show('ok source', () => assert.ok(typeof 123 === 'string'));
show('assert source', () => assert([1, 2].includes(3)));
show('multi-line source', () => assert.ok(
  1 > 2 &&
    true,
));
show('no value', () => assert.ok());
show('strict.equal', () => assert.strict.equal(1, '1'));
show('match', () => assert.match('abc', /x/));
show('throws missing', () => assert.throws(() => {}, TypeError));
show('throws message', () => assert.throws(() => {}, 'wanted a throw'));
show('throws object', () => assert.throws(() => { throw new Error('x'); }, { message: 'y', name: 'Error' }));
show('throws class', () => assert.throws(() => { throw new TypeError('x'); }, RangeError));
show('throws regexp', () => assert.throws(() => { throw new Error('x'); }, /y/));
show('throws validate', () => assert.throws(() => { throw new Error('foobar'); }, function check() { return 'baz'; }));
show('throws ambiguous', () => assert.throws(() => { throw new Error('same'); }, 'same'));
show('doesNotThrow', () => assert.doesNotThrow(() => { throw new Error('inner'); }));
show('ifError', () => assert.ifError(new TypeError()));
show('fail', () => assert.fail());
show('fail two', () => assert.fail('first', 'second'));
show('missing args', () => assert.strictEqual(1));

class ValidationError extends Error {}
for (const error of [new Error('plain'), new TypeError('typed'), new ValidationError('own class'), new RangeError()]) {
  console.log(JSON.stringify(error.stack.split('\n')[0]), error.stack.split('\n')[1].trim().startsWith('at '));
}
const late = new Error('before');
late.message = 'after';
console.log('message changed before the stack is read:', late.stack.split('\n')[0]);
const holder = { name: 'Custom', message: 'captured' };
Error.captureStackTrace(holder);
console.log('captured:', holder.stack.split('\n')[0]);
try {
  null.x;
} catch (e) {
  console.log(e.stack.split('\n')[0], /main\.js:\d+:\d+\)?$/.test(e.stack.split('\n')[1]));
}
try {
  require('fs').readFileSync('/no/such/file');
} catch (e) {
  console.log(e.stack.split('\n')[0]);
}
try {
  Buffer.alloc(-1);
} catch (e) {
  console.log(e.stack.split('\n')[0]);
}
assert.rejects(async () => { throw new Error('foobar'); }, () => 'baz').catch((e) => {
  console.log('rejects:', e.message);
});
