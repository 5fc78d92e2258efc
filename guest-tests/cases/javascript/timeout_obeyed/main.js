// Checks that a short computation finishes well inside a small wall-clock limit.
let total = 0;
for (let i = 0; i < 10000; i++) total += i * i;
console.log("sum of squares:", total);
