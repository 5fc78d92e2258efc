// Long arrays: Node groups numeric arrays into aligned columns and cuts after 100 items.
const small = [1, 2, 3, 4, 5, 6, 7];
console.log(small);
const squares = Array.from({ length: 30 }, (_, i) => i * i);
console.log(squares);
const big = Array.from({ length: 150 }, (_, i) => i);
console.log(big);
const negatives = Array.from({ length: 12 }, (_, i) => (i % 2 ? -i : i * 1000));
console.log(negatives);
const floats = [0.5, 1.25, 3.125, 10, 100.75, 2, 3, 4, 5, 6, 7, 8];
console.log(floats);
const words = ['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', 'honeydew'];
console.log(words);
const mixed = [1, 'two', 3, 'four', 5, 'six', 7, null, undefined, true];
console.log(mixed);
console.log([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14]]);
console.log(Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i)));
console.log(Array.from({ length: 101 }, (_, i) => 'x' + i).length);
console.log(Array.from({ length: 120 }, (_, i) => 'item' + i));
