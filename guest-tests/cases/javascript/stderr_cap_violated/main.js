// Checks that output beyond the stderr cap is cut at exactly the cap and the program stopped.
console.log("before");
for (let i = 0; i < 1000; i++) console.error(String(i).padStart(4, "0") + "!".repeat(45));
console.log("never reached");
