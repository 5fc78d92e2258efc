console.log("Hello", { a: 1, b: [1, 2, 3] }, new Map([["k", 1]]));
