// path (POSIX) as Node 20 has it: the edge cases of normalize, dirname, basename (with its
// suffix rules), extname, parse, format, join, relative and resolve, and the TypeError
// (ERR_INVALID_ARG_TYPE) each gives for an argument that is not a string.
const path = require('path');
const inputs = ['', '.', '..', '/', '//', '///', 'a', 'a/', 'a//', '/a', '//a', '///a', 'a/b', 'a/b/', '/a/b', '/a/b/',
  'a/./b', 'a/../b', '../a', '../../a', '/..', '/../a', 'a/..', 'a/../..', './a', '.a', 'a.', '.a.b', 'a.b.c', '..a',
  'a..', '/path/to/..', '/path/to/.', 'file.js', '.js', 'dir/.js', 'a/b.js/', '/a/b.tar.gz', 'a\\b', 'C:\\x', '...',
  '/a//b//c/', 'a/b/c/../../..', 'a/b/c/../../../..', '/foo/bar//baz/asdf/quux/..'];
const show = (v) => JSON.stringify(v);
for (const p of inputs) {
  const r = [];
  for (const f of ['normalize', 'dirname', 'basename', 'extname', 'isAbsolute', 'parse']) {
    try { r.push(show(path[f](p))); } catch (e) { r.push('throws ' + e.name); }
  }
  for (const ext of ['.js', 'b', '', 'a.b']) {
    try { r.push(show(path.basename(p, ext))); } catch (e) { r.push('throws ' + e.name); }
  }
  console.log(show(p), r.join(' '));
}
const pairs = [['', ''], ['a', ''], ['', 'a'], ['/a', 'b'], ['a', '/b'], ['a/', '/b'], ['/', '/'], ['a', '..'], ['..', 'a'], ['/a/b', '../../..']];
for (const [a, b] of pairs) {
  const r = [];
  for (const f of ['join', 'relative']) {
    try { r.push(show(f === 'relative' ? path.relative('/x/' + a, '/x/' + b) : path.join(a, b))); } catch (e) { r.push('throws ' + e.name); }
  }
  r.push(show(path.resolve('/r', a, b)));
  console.log(show([a, b]), r.join(' '));
}
for (const o of [{}, { root: '/' }, { dir: 'd', base: 'b.js' }, { root: '/', name: 'n', ext: '.e' }, { dir: '/', base: 'b' }, { name: 'x', ext: 'js' }, { dir: 'a', name: 'b', ext: '.c', base: '' }]) {
  console.log('format', show(o), show(path.format(o)));
}
for (const bad of [true, 1, null, undefined, {}]) {
  for (const f of ['join', 'basename', 'dirname', 'extname', 'normalize', 'resolve', 'isAbsolute']) {
    try { path[f](bad); console.log(f, show(bad), 'ok'); } catch (e) { console.log(f, String(bad), e.name, e.code, e.message); }
  }
}
console.log(path.relative('/a/b/c', '/a/b/c'), path.relative('/a', '/a/b/c'), path.relative('/a/b/c', '/a'));
