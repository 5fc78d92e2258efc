// Checks an ES module entry: relative imports, default and named exports, top-level await.
import { add, PI } from "./lib/math.mjs";
import format from "./lib/format.mjs";

const value = await new Promise((resolve) => setTimeout(() => resolve(add(40, 2)), 10));
console.log(format(value));
console.log(PI.toFixed(2));
