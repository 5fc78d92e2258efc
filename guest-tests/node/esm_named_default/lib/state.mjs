export let counter = 0;
export function increment() { counter++; }
