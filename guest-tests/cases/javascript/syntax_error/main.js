// Checks that a syntax error is reported on stderr with exit code 1 and nothing runs.
console.log("this line must not run");
function broken( {
  return 1;
}
