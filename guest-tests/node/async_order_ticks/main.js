console.log('1 sync start');
setTimeout(() => console.log('8 timeout 0'), 0);
setTimeout(() => console.log('10 timeout 200'), 200);
Promise.resolve().then(() => console.log('5 promise.then'));
queueMicrotask(() => console.log('6 queueMicrotask'));
process.nextTick(() => console.log('3 nextTick'));
process.nextTick(() => {
  console.log('4 nextTick 2');
  Promise.resolve().then(() => console.log('7 promise from nextTick'));
});
(async () => {
  console.log('2 async fn body (sync part)');
  await null;
  console.log('6b after await');
})();
setTimeout(() => {
  console.log('9 timeout 5');
  setImmediate(() => console.log('9b immediate inside timeout'));
  setTimeout(() => console.log('9c timeout 0 inside timeout'), 0);
  process.nextTick(() => console.log('9a nextTick inside timeout'));
}, 5);
console.log('2b sync end');
