import { strictEqual } from 'node:assert';
const inventory = new Map([['apples', 3], ['pears', 0]]);
function take(item, n) {
  const have = inventory.get(item) ?? 0;
  if (have < n) throw new Error(`not enough ${item}: have ${have}, need ${n}`);
  inventory.set(item, have - n);
  return have - n;
}
strictEqual(take('apples', 2), 1);
console.log('after first take', inventory);
await null;
console.log('after await', Object.fromEntries(inventory));
take('pears', 1);
console.log('unreachable');
