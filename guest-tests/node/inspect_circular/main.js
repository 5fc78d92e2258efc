const a = { name: 'a' };
a.self = a;
console.log(a);
const b = { name: 'b', child: { name: 'c' } };
b.child.parent = b;
console.log(b);
const arr = [1, 2];
arr.push(arr);
console.log(arr);
const x = { name: 'x' };
const y = { name: 'y', x };
x.y = y;
console.log([x, y]);
const m = new Map();
m.set('me', m);
console.log(m);
const nodeA = { id: 1, links: [] };
const nodeB = { id: 2, links: [nodeA] };
nodeA.links.push(nodeB);
console.log({ graph: [nodeA, nodeB] });
try {
  JSON.stringify(a);
} catch (e) {
  console.log(e.name, e.message.split('\n')[0]);
}
const shared = { s: 1 };
console.log({ one: shared, two: shared });
