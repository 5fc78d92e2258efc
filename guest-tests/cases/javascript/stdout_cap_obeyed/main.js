// Checks that output below the stdout cap is passed through whole.
for (let i = 0; i < 10; i++) console.log("line", i, "x".repeat(40));
