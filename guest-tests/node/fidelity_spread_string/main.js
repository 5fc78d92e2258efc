// Spreading a string into an object copies its characters; rest patterns too.
console.log({ ...'hi' });
const { 0: first, ...rest } = 'abc';
console.log(first, rest);
console.log({ ...'', ...null, ...undefined, ...42, ...'x' });
console.log(Object.assign({}, 'yo'));
