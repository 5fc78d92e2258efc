// Checks that a small program completes within a modest fuel budget.
let sum = 0;
for (let i = 0; i < 1000; i++) sum += i;
console.log(sum);
