// node:test as a candidate uses it: tests, a suite with hooks, a subtest, a skip, a mock; one
// failing test makes the exit code 1 and the TAP report says why.
const { test, describe, it, beforeEach, mock } = require('node:test');
const assert = require('node:assert');

function twoSum(nums, target) {
  const seen = new Map();
  for (let i = 0; i < nums.length; i++) {
    if (seen.has(target - nums[i])) return [seen.get(target - nums[i]), i];
    seen.set(nums[i], i);
  }
  return null;
}

test('finds a pair', () => {
  assert.deepStrictEqual(twoSum([2, 7, 11, 15], 9), [0, 1]);
});

test('a wrong expectation', () => {
  assert.strictEqual(twoSum([1, 2], 3)[1], 2);
});

describe('twoSum', () => {
  let calls = 0;
  beforeEach(() => { calls++; });
  it('returns null without a pair', () => {
    assert.strictEqual(twoSum([1], 5), null);
  });
  it('counts its hooks', () => {
    assert.strictEqual(calls, 2);
  });
});

test('with a subtest', async (t) => {
  await t.test('inner', () => {
    const logger = mock.fn();
    logger('x');
    assert.strictEqual(logger.mock.callCount(), 1);
    assert.deepStrictEqual(logger.mock.calls[0].arguments, ['x']);
  });
});

test('not yet', { skip: 'later' }, () => {});
