// Checks that a short timer fires and the program ends before the wall-clock limit.
const start = Date.now();
setTimeout(() => {
  console.log("fired after waiting:", Date.now() - start >= 190);
}, 200);
