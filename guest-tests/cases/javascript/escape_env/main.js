// Checks that host environment variables are not visible through process.env.
console.log(JSON.stringify(process.env));
console.log(process.env.HOME, process.env.PATH, process.env.USER);
console.log(typeof std, typeof os, typeof scriptArgs);
