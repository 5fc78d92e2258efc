function tag(strings, ...values) {
  console.log(strings, values, strings.raw);
  return strings.reduce((out, s, i) => out + s + (i < values.length ? `[${values[i]}]` : ''), '');
}
const name = 'World', n = 42;
console.log(tag`Hello ${name}! n=${n} sum=${n + 1}`);
console.log(tag`no subs`);
console.log(tag`${1}${2}`);
function html(strings, ...vals) {
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  return strings.raw.reduce((o, s, i) => o + s + (i < vals.length ? esc(vals[i]) : ''), '');
}
console.log(html`<p title="${'a"b'}">${'<script>alert(1)</script>'} & ${"it's"}</p>`);
console.log(String.raw`C:\new\table ${n}\t`);
const currency = (s, ...v) => s.reduce((o, str, i) => o + str + (i < v.length ? `$${v[i].toFixed(2)}` : ''), '');
console.log(currency`Total: ${19.5} + tax ${1.365}`);
const multi = `line one
  line two (indented)
line three`;
console.log(multi);
console.log(multi.split('\n'));
const nested = `outer ${`inner ${`innermost ${1 + 1}`}`}`;
console.log(nested);
console.log(`${[1, 2, 3]} ${{}} ${null} ${undefined} ${() => 1} ${Symbol.iterator.description}`);
function identity(s, ...v) { return s; }
const a = identity`x`, b = identity`x`;
const same = () => identity`y`;
console.log(a === b, same() === same(), Object.isFrozen(a), Array.isArray(a.raw));
console.log(((s) => s.raw[0])`\unicode-bad`, ((s) => s[0])`\unicode-bad`);
console.log(`\u{1F600}`.length, `\x41\u0042\u{43}`.length);
