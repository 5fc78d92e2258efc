class TreeNode {
  constructor(value) { this.value = value; this.left = null; this.right = null; }
}
class BST {
  constructor() { this.root = null; }
  insert(v) {
    const n = new TreeNode(v);
    if (!this.root) { this.root = n; return; }
    let c = this.root;
    for (;;) {
      if (v < c.value) { if (!c.left) { c.left = n; return; } c = c.left; }
      else { if (!c.right) { c.right = n; return; } c = c.right; }
    }
  }
}
const t = new BST();
[50, 30, 70, 20, 40, 60, 80, 35].forEach((v) => t.insert(v));
console.log(t);
console.log(t.root.left);
const inorder = (n, out = []) => (n ? (inorder(n.left, out), out.push(n.value), inorder(n.right, out), out) : out);
const preorder = (n) => (n ? [n.value, ...preorder(n.left), ...preorder(n.right)] : []);
const postorder = (n) => (n ? [...postorder(n.left), ...postorder(n.right), n.value] : []);
console.log('in  ', inorder(t.root));
console.log('pre ', preorder(t.root));
console.log('post', postorder(t.root));
function levels(root) {
  const res = []; let q = root ? [root] : [];
  while (q.length) { res.push(q.map((n) => n.value)); q = q.flatMap((n) => [n.left, n.right].filter(Boolean)); }
  return res;
}
console.log(levels(t.root));
const height = (n) => (n ? 1 + Math.max(height(n.left), height(n.right)) : 0);
console.log('height', height(t.root));
function isValid(n, lo = -Infinity, hi = Infinity) {
  if (!n) return true;
  if (n.value <= lo || n.value >= hi) return false;
  return isValid(n.left, lo, n.value) && isValid(n.right, n.value, hi);
}
console.log('valid', isValid(t.root));
function print(n, prefix = '', isLeft = true) {
  if (!n) return;
  print(n.right, prefix + (isLeft ? '│   ' : '    '), false);
  console.log(prefix + (isLeft ? '└── ' : '┌── ') + n.value);
  print(n.left, prefix + (isLeft ? '    ' : '│   '), true);
}
print(t.root);
console.log(JSON.stringify(t.root.right, null, 2));
