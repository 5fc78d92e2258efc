class ListNode {
  constructor(val, next = null) { this.val = val; this.next = next; }
}
class LinkedList {
  constructor() { this.head = null; this.size = 0; }
  push(val) {
    const node = new ListNode(val);
    if (!this.head) this.head = node;
    else { let cur = this.head; while (cur.next) cur = cur.next; cur.next = node; }
    this.size++;
    return this;
  }
  reverse() {
    let prev = null, cur = this.head;
    while (cur) { const nxt = cur.next; cur.next = prev; prev = cur; cur = nxt; }
    this.head = prev;
    return this;
  }
  toArray() { const out = []; for (let c = this.head; c; c = c.next) out.push(c.val); return out; }
  *[Symbol.iterator]() { for (let c = this.head; c; c = c.next) yield c.val; }
}
const list = new LinkedList();
[1, 2, 3, 4, 5].forEach((v) => list.push(v));
console.log(list);
console.log(list.head);
console.log(list.toArray().join(' -> '));
list.reverse();
console.log([...list]);
console.log(list.head.next);
function middle(head) {
  let slow = head, fast = head;
  while (fast && fast.next) { slow = slow.next; fast = fast.next.next; }
  return slow.val;
}
console.log('middle:', middle(list.head));
function hasCycle(head) {
  let s = head, f = head;
  while (f && f.next) { s = s.next; f = f.next.next; if (s === f) return true; }
  return false;
}
console.log('cycle?', hasCycle(list.head));
let tail = list.head; while (tail.next) tail = tail.next;
tail.next = list.head.next;
console.log('cycle?', hasCycle(list.head));
console.log(list.head);
