// Checks that an unhandled promise rejection ends the program with exit code 1.
console.log("before");
Promise.reject(new Error("nobody caught me"));
setTimeout(() => console.log("timer after rejection"), 50);
