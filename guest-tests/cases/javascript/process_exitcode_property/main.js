// Checks that process.exitCode sets the exit code once the program finishes normally.
process.exitCode = 7;
setTimeout(() => console.log("timers still run"), 10);
console.log("set exitCode");
