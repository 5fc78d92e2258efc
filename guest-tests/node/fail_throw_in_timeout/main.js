let count = 0;
const id = setInterval(() => {
  count++;
  console.log('poll', count);
  if (count === 3) throw new RangeError('poll limit exceeded');
}, 2);
process.on('exit', () => console.log('exit handler, count =', count, typeof id));
