const results = [3, 1, 4, 1, 5].map((n) => n * 2);
console.log('results:', results);
process.on('exit', (code) => console.log('exiting with', code));
process.exit(3);
console.log('not printed');
