// Checks that an uncaught error prints Node's shape (file:line, source, the stack) on stderr, exits 1 and keeps prior output.
function explode() {
  throw new TypeError("boom");
}
console.log("before");
explode();
console.log("after");
