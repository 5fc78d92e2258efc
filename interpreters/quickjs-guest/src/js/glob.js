// `path.matchesGlob`: glob patterns as Node's (minimatch with Node's options) match a path.
// A pattern's braces expand (`{a,b}`, `{1..3}`); each `/`-separated part is `**` (any number
// of parts), or a part where `*` is any run of characters, `?` one, and `[...]` a class
// (`[!...]` or `[^...]` its complement). A part that starts with a dot is matched only by a
// pattern part that starts with one. A leading `!` is an ordinary character (Node passes
// `nonegate`), and for Windows paths `\` separates parts, in the path and in the pattern.
(function (host) {
  'use strict';

  // `a{b,c}d` as `abd` and `acd`, braces within braces too; `{1..3}` as 1, 2, 3.
  function expandBraces(pattern) {
    let depth = 0;
    let open = -1;
    const commas = [];
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '\\') {
        i++;
      } else if (c === '{') {
        if (depth++ === 0) open = i;
      } else if (c === ',' && depth === 1) {
        commas.push(i);
      } else if (c === '}' && depth > 0 && --depth === 0) {
        const head = pattern.slice(0, open);
        const tail = pattern.slice(i + 1);
        const body = pattern.slice(open + 1, i);
        let options;
        if (commas.length > 0) {
          const bounds = [open, ...commas, i];
          options = bounds.slice(1).map((end, k) => pattern.slice(bounds[k] + 1, end));
        } else {
          const range = /^(-?\d+)\.\.(-?\d+)$/.exec(body);
          if (range === null) {
            // `{x}` is not a brace expression: the braces stay, and what follows may have some.
            return expandBraces(tail).map((rest) => `${head}{${body}}${rest}`);
          }
          const [from, to] = [Number(range[1]), Number(range[2])];
          const step = from <= to ? 1 : -1;
          options = [];
          for (let n = from; step > 0 ? n <= to : n >= to; n += step) options.push(String(n));
        }
        const tails = expandBraces(tail);
        return options.flatMap((option) => expandBraces(`${head}${option}`).flatMap((start) => tails.map((rest) => `${start}${rest}`)));
      }
    }
    return [pattern];
  }

  // One pattern part as a regular expression over one path part.
  function partRegExp(part) {
    let source = '';
    for (let i = 0; i < part.length; i++) {
      const c = part[i];
      if (c === '*') {
        source += '.*';
      } else if (c === '?') {
        source += '.';
      } else if (c === '[') {
        const close = part.indexOf(']', i + 2);
        if (close === -1) {
          source += '\\[';
          continue;
        }
        let body = part.slice(i + 1, close);
        const negated = body[0] === '!' || body[0] === '^';
        if (negated) body = body.slice(1);
        source += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
        i = close;
      } else {
        source += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      }
    }
    return new RegExp(`^${source}$`, 'su');
  }

  function matchParts(pathParts, patternParts) {
    // Each part's expression is made once, not at every path part `**` tries it against.
    const regExps = patternParts.map((part) => (part === '**' ? null : partRegExp(part)));
    const match = (p, q) => {
      // A trailing slash of the path is optional; one of the pattern is not.
      if (q === patternParts.length) return p === pathParts.length || (p === pathParts.length - 1 && pathParts[p] === '');
      const part = patternParts[q];
      if (part === '**') {
        // Any number of parts, none of them hidden; at least one when it ends the pattern.
        const last = q === patternParts.length - 1;
        for (let k = p; k <= pathParts.length; k++) {
          if ((k > p || !last) && match(k, q + 1)) return true;
          if (k < pathParts.length && pathParts[k].startsWith('.')) return false;
        }
        return false;
      }
      if (p === pathParts.length) return false;
      const name = pathParts[p];
      if (name.startsWith('.') && !part.startsWith('.') && name !== part) return false;
      // A part of the pattern matches an empty part of the path only when it is empty too.
      if (name === '' && part !== '') return false;
      return regExps[q].test(name) && match(p + 1, q + 1);
    };
    return match(0, 0);
  }

  // The pattern's parts as minimatch simplifies them: no empty parts but a leading and a
  // trailing one, no
  // `.` parts, `x/..` taken out, and `**` not repeated.
  function simplify(parts) {
    const out = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if ((part === '' && i !== 0 && i !== parts.length - 1) || (part === '.' && i !== 0)) continue;
      if (part === '**' && out[out.length - 1] === '**') continue;
      if (part === '..' && out.length > 0 && !['..', '**', ''].includes(out[out.length - 1])) {
        out.pop();
        continue;
      }
      out.push(part);
    }
    return out;
  }

  function matchesGlob(path, pattern, windows) {
    if (typeof path !== 'string') throw host.invalidArgType('path', 'string', path);
    if (typeof pattern !== 'string') throw host.invalidArgType('pattern', 'string', pattern);
    // Node asks for `windowsPathsNoEscape`: a backslash in a pattern separates parts.
    pattern = pattern.replace(/\\/g, '/');
    if (windows) path = path.replace(/\\/g, '/');
    const pathParts = path.split('/');
    return expandBraces(pattern).some((expanded) => matchParts(pathParts, simplify(expanded.split('/'))));
  }

  return { matchesGlob };
})(globalThis.__codebox);
