const queue = ['a', 'b', 'c', 'STOP', 'd'];
async function worker() {
  for (const job of queue) {
    await new Promise((r) => setTimeout(r, 1));
    if (job === 'STOP') { console.log('stop signal, exiting'); process.exit(0); }
    console.log('processed', job);
  }
}
worker();
setTimeout(() => console.log('should not print'), 1000);
