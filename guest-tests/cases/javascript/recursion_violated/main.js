// Checks that unbounded recursion raises a RangeError (uncaught: exit 1), not a crash.
function forever(n) {
  return forever(n + 1) + 1;
}
console.log("recursing");
forever(0);
