export const VERSION = '2.0.0';
export function sum(...xs) { return xs.reduce((a, b) => a + b, 0); }
export class Stack { #items = []; push(x) { this.#items.push(x); } peek() { return this.#items.at(-1); } get size() { return this.#items.length; } }
export default function greet(name) { return `Hello, ${name}!`; }
console.log('[utils evaluated]');
