// Checks that an endless computation runs out of fuel (not time) and earlier output is kept.
console.log("counting");
let n = 0;
for (;;) n++;
