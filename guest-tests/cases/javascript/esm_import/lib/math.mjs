export const PI = Math.PI;
export function add(a, b) {
  return a + b;
}
