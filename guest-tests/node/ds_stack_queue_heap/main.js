function isBalanced(s) {
  const pairs = { ')': '(', ']': '[', '}': '{' }; const st = [];
  for (const ch of s) {
    if ('([{'.includes(ch)) st.push(ch);
    else if (ch in pairs) { if (st.pop() !== pairs[ch]) return false; }
  }
  return st.length === 0;
}
for (const s of ['()[]{}', '([)]', '{[()()]}', '((', '']) console.log(JSON.stringify(s), isBalanced(s));
class MinHeap {
  constructor() { this.data = []; }
  push(v) {
    const d = this.data; d.push(v); let i = d.length - 1;
    while (i > 0) { const p = (i - 1) >> 1; if (d[p] <= d[i]) break; [d[p], d[i]] = [d[i], d[p]]; i = p; }
  }
  pop() {
    const d = this.data; const top = d[0]; const last = d.pop();
    if (d.length) {
      d[0] = last; let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1; let m = i;
        if (l < d.length && d[l] < d[m]) m = l;
        if (r < d.length && d[r] < d[m]) m = r;
        if (m === i) break; [d[m], d[i]] = [d[i], d[m]]; i = m;
      }
    }
    return top;
  }
  get size() { return this.data.length; }
}
const h = new MinHeap();
[5, 3, 8, 1, 9, 2, 7, 4, 6, 0].forEach((v) => h.push(v));
console.log(h);
console.log(h.size);
const sorted = []; while (h.size) sorted.push(h.pop());
console.log(sorted);
function kthLargest(nums, k) { const hp = new MinHeap(); for (const n of nums) { hp.push(n); if (hp.size > k) hp.pop(); } return hp.pop(); }
console.log(kthLargest([3, 2, 1, 5, 6, 4], 2), kthLargest([3, 2, 3, 1, 2, 4, 5, 5, 6], 4));
function evalRPN(tokens) {
  const st = [];
  for (const t of tokens) {
    if ('+-*/'.includes(t)) { const b = st.pop(), a = st.pop(); st.push(t === '+' ? a + b : t === '-' ? a - b : t === '*' ? a * b : Math.trunc(a / b)); }
    else st.push(Number(t));
  }
  return st[0];
}
console.log(evalRPN(['2', '1', '+', '3', '*']), evalRPN(['4', '13', '5', '/', '+']));
const queue = []; queue.push('a', 'b', 'c'); console.log(queue.shift(), queue);
function slidingMax(nums, k) {
  const dq = [], out = [];
  nums.forEach((n, i) => { while (dq.length && nums[dq.at(-1)] <= n) dq.pop(); dq.push(i); if (dq[0] <= i - k) dq.shift(); if (i >= k - 1) out.push(nums[dq[0]]); });
  return out;
}
console.log(slidingMax([1, 3, -1, -3, 5, 3, 6, 7], 3));
