// `util.parseEnv`: the contents of a .env file as an object, read as Node's own parser reads
// them: `KEY=value` lines, `#` comments, `export` before a key ignored, values in single,
// double or back quotes (which may span lines; in double quotes `\n` is a newline), and an
// unquoted value ending at `#`. Later keys replace earlier ones; the keys come out sorted.
(function (host) {
  'use strict';

  const trim = (s) => s.replace(/^ +| +$/g, '');

  function parseEnv(content) {
    if (typeof content !== 'string') throw host.invalidArgType('content', 'string', content);
    const store = {};
    let rest = trim(content.replace(/\r/g, ''));
    // What follows the next newline after `from`, or nothing.
    const afterLine = (from = 0) => {
      const newline = rest.indexOf('\n', from);
      return newline === -1 ? '' : rest.slice(newline + 1);
    };
    while (rest !== '') {
      // A blank or comment line is skipped; a comment on the last line is read as a line.
      if ((rest[0] === '\n' || rest[0] === '#') && rest.indexOf('\n') !== -1) {
        rest = afterLine();
        continue;
      }
      const equals = rest.indexOf('=');
      if (equals === -1) break;
      let key = trim(rest.slice(0, equals));
      // A line with nothing before its `=` ends the parse, as in Node 20.
      if (key === '') break;
      if (key.startsWith('export ')) key = key.slice(7);
      rest = rest.slice(equals + 1);
      if (rest === '' || rest[0] === '\n') {
        store[key] = '';
        continue;
      }
      rest = trim(rest);
      const quote = rest[0];
      const closing = quote === '"' || quote === "'" || quote === '`' ? rest.indexOf(quote, 1) : -1;
      if (closing !== -1) {
        const value = rest.slice(1, closing);
        store[key] = quote === '"' ? value.replace(/\\n/g, '\n') : value;
        rest = afterLine(closing + 1);
      } else if (quote === '"' || quote === "'" || quote === '`') {
        // An unclosed quote: the line as it is.
        const newline = rest.indexOf('\n');
        if (newline !== -1) {
          store[key] = rest.slice(0, newline);
          rest = rest.slice(newline);
        }
      } else {
        const newline = rest.indexOf('\n');
        const line = newline === -1 ? rest : rest.slice(0, newline);
        const hash = line.indexOf('#');
        store[key] = trim(hash === -1 ? line : line.slice(0, hash));
        rest = newline === -1 ? '' : rest.slice(newline + 1);
      }
      rest = trim(rest);
    }
    // In the order of the keys, as Node's parser keeps them (a sorted map).
    const sorted = {};
    for (const key of Object.keys(store).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) sorted[key] = store[key];
    return sorted;
  }

  return { parseEnv };
})(globalThis.__codebox);
