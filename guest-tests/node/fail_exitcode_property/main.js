const tests = [['add', 1 + 1, 2], ['mul', 2 * 3, 6], ['sub', 5 - 3, 1]];
let failures = 0;
for (const [name, actual, expected] of tests) {
  const ok = actual === expected;
  if (!ok) failures++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}: got ${actual}, expected ${expected}`);
}
console.log(`${tests.length - failures}/${tests.length} passed`);
if (failures) process.exitCode = 2;
setTimeout(() => console.log('timers still run after exitCode is set'), 5);
