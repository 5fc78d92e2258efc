console.log('about to throw a plain object');
const stack = [1, 2, 3];
while (stack.length) console.log('pop', stack.pop());
throw { code: 42, reason: 'not an Error instance' };
