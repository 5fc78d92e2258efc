export default function format(n) {
  return `the answer is ${n}`;
}
