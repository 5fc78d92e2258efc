// Checks that output beyond the stdout cap is cut at exactly the cap and the program stopped.
for (let i = 0; i < 1000; i++) console.log(String(i).padStart(4, "0") + ".".repeat(45));
console.log("never reached");
