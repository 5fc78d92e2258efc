// A pending timer longer than the wall-clock limit: the run ends at the limit, not at the timer.
console.log("waiting");
setTimeout(() => console.log("timer fired"), 10000);
