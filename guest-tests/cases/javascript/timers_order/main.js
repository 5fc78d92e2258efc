// Checks the order of sync code, microtasks, setImmediate, setTimeout and setInterval.
const order = [];
setTimeout(() => order.push("timeout 20"), 20);
setTimeout(() => order.push("timeout 0"), 0);
setImmediate(() => order.push("immediate"));
Promise.resolve().then(() => order.push("microtask"));
queueMicrotask(() => order.push("queueMicrotask"));
let ticks = 0;
const id = setInterval(() => {
  ticks++;
  if (ticks === 3) {
    clearInterval(id);
    order.push("interval x3");
  }
}, 5);
const cancelled = setTimeout(() => order.push("cancelled"), 1);
clearTimeout(cancelled);
order.push("sync");
setTimeout(() => console.log(order.join("\n")), 100);
