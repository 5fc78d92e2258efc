// Checks that output below the stderr cap is passed through whole.
for (let i = 0; i < 10; i++) console.error("warning", i);
console.log("done");
