function tokenize(src) {
  const tokens = []; const re = /\s*(?:(\d+\.?\d*)|(\*\*|[-+*/%^()])|(\S))/gy; let m;
  while ((m = re.exec(src)) && m[0].trim() !== '' || (m && re.lastIndex < src.length)) {
    if (!m) break;
    if (m[1]) tokens.push({ type: 'num', value: parseFloat(m[1]) });
    else if (m[2]) tokens.push({ type: 'op', value: m[2] });
    else if (m[3]) throw new SyntaxError(`Unexpected character '${m[3]}' at ${m.index}`);
  }
  return tokens;
}
function parse(tokens) {
  let i = 0;
  const peek = () => tokens[i]?.value;
  const expr = () => { let l = term(); while (peek() === '+' || peek() === '-') { const op = tokens[i++].value; l = { op, l, r: term() }; } return l; };
  const term = () => { let l = unary(); while (['*', '/', '%'].includes(peek())) { const op = tokens[i++].value; l = { op, l, r: unary() }; } return l; };
  const unary = () => (peek() === '-' ? (i++, { op: 'neg', l: unary() }) : power());
  const power = () => { const b = atom(); if (peek() === '^' || peek() === '**') { i++; return { op: '^', l: b, r: unary() }; } return b; };
  const atom = () => {
    const t = tokens[i++];
    if (!t) throw new SyntaxError('Unexpected end of input');
    if (t.type === 'num') return t.value;
    if (t.value === '(') { const e = expr(); if (tokens[i++]?.value !== ')') throw new SyntaxError('Expected )'); return e; }
    throw new SyntaxError(`Unexpected token ${t.value}`);
  };
  const ast = expr();
  if (i < tokens.length) throw new SyntaxError(`Unexpected token ${peek()}`);
  return ast;
}
const ops = { '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b, '^': (a, b) => a ** b, neg: (a) => -a };
const evaluate = (n) => (typeof n === 'number' ? n : ops[n.op](evaluate(n.l), n.r === undefined ? undefined : evaluate(n.r)));
const show = (n) => (typeof n === 'number' ? String(n) : n.op === 'neg' ? `(-${show(n.l)})` : `(${show(n.l)} ${n.op} ${show(n.r)})`);
for (const src of ['1 + 2 * 3', '(1 + 2) * 3', '2 ^ 3 ^ 2', '-2 ** 2', '10 / 4 - 1.5', '7 % 4 + 0.1 + 0.2', '((((42))))', '1 / 0', '2 * (3 + ', '4 $ 4', '1 2']) {
  try {
    const ast = parse(tokenize(src));
    console.log(src.padEnd(20), '=>', show(ast).padEnd(28), '=', evaluate(ast));
  } catch (e) {
    console.log(src.padEnd(20), '=>', `${e.name}: ${e.message}`);
  }
}
console.log(parse(tokenize('1 + 2 * (3 - 4)')));
console.log(tokenize('3.5*(2-1)'));
