// The `path` module: POSIX paths; `path.win32` is path_win32.js.
(function (host) {
  'use strict';

  // ---- path (POSIX) ----

  const validateString = (value, name) => {
    if (typeof value !== 'string') throw host.invalidArgType(name, 'string', value);
  };

  // `path` without its `.` segments and with its `..` segments applied (kept when they climb
  // above the start and `allowAboveRoot`); no leading or trailing slash.
  function normalizeString(path, allowAboveRoot) {
    const out = [];
    for (const seg of path.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
        else if (allowAboveRoot) out.push('..');
      } else out.push(seg);
    }
    return out.join('/');
  }

  // Where the last segment of `path` starts and ends, trailing slashes left out, looking no
  // further left than `stopAt`; `bounded` tells whether a slash ends it on the left. Node's
  // basename, dirname, extname and parse all read the path from its end this way.
  function lastSegment(path, stopAt) {
    let end = -1;
    for (let i = path.length - 1; i >= stopAt; i--) {
      if (path[i] === '/') {
        if (end !== -1) return { start: i + 1, end, bounded: true };
      } else if (end === -1) end = i + 1;
    }
    return { start: stopAt, end, bounded: false };
  }

  // Where the extension of the segment `path.slice(from, end)` starts (the segment proper
  // starting at `segment`), or -1: none when the last dot is the first character looked at, or
  // when the segment is `..`.
  function extensionStart(path, from, end, segment) {
    const dot = path.lastIndexOf('.', end - 1);
    if (dot <= from) return -1;
    if (path[from] === '.' && dot === end - 1 && dot === segment + 1) return -1;
    return dot;
  }

  const path = {
    sep: '/',
    delimiter: ':',
    normalize(p) {
      validateString(p, 'path');
      if (p.length === 0) return '.';
      const isAbs = p.startsWith('/');
      const trailing = p.endsWith('/');
      let out = normalizeString(p, !isAbs);
      if (out.length === 0) { if (isAbs) return '/'; return trailing ? './' : '.'; }
      if (trailing) out += '/';
      return isAbs ? `/${out}` : out;
    },
    join(...parts) {
      for (const part of parts) validateString(part, 'path');
      const joined = parts.filter((p) => p.length > 0).join('/');
      return joined.length === 0 ? '.' : path.normalize(joined);
    },
    resolve(...parts) {
      let resolved = '';
      for (let i = parts.length - 1; i >= -1 && !resolved.startsWith('/'); i--) {
        const p = i >= 0 ? parts[i] : host.cwd;
        if (i >= 0) validateString(p, `paths[${i}]`);
        if (p.length === 0) continue;
        resolved = `${p}/${resolved}`;
      }
      return `/${normalizeString(resolved, false)}`;
    },
    isAbsolute(p) {
      validateString(p, 'path');
      return p.startsWith('/');
    },
    dirname(p) {
      validateString(p, 'path');
      if (p.length === 0) return '.';
      const rooted = p[0] === '/';
      // The last slash before the last segment, the path's first character aside.
      let end = -1;
      let inSegment = false;
      for (let i = p.length - 1; i >= 1; i--) {
        if (p[i] === '/') {
          if (inSegment) { end = i; break; }
        } else inSegment = true;
      }
      if (end === -1) return rooted ? '/' : '.';
      if (rooted && end === 1) return '//';
      return p.slice(0, end);
    },
    basename(p, suffix) {
      if (suffix !== undefined) validateString(suffix, 'suffix');
      validateString(p, 'path');
      if (suffix === undefined || suffix.length === 0 || suffix.length > p.length) {
        const { start, end } = lastSegment(p, 0);
        return end === -1 ? '' : p.slice(start, end);
      }
      if (suffix === p) return '';
      // Node matches the suffix against the path's end, trailing slashes included once the
      // match has begun; a match that is the whole segment leaves the segment whole.
      let cut = -1;
      let k = suffix.length - 1;
      let firstEnd = -1;
      let begin = 0;
      for (let i = p.length - 1; i >= 0; i--) {
        if (p[i] === '/') {
          if (firstEnd !== -1) { begin = i + 1; break; }
          continue;
        }
        if (firstEnd === -1) firstEnd = i + 1;
        if (k >= 0) {
          if (p[i] === suffix[k]) { k--; if (k === -1) cut = i; } else { k = -1; cut = firstEnd; }
        }
      }
      if (begin === cut) cut = firstEnd;
      else if (cut === -1) cut = p.length;
      return p.slice(begin, cut);
    },
    extname(p) {
      validateString(p, 'path');
      const { start, end } = lastSegment(p, 0);
      if (end === -1) return '';
      const dot = extensionStart(p, start, end, start);
      return dot === -1 ? '' : p.slice(dot, end);
    },
    relative(from, to) {
      validateString(from, 'from');
      validateString(to, 'to');
      if (from === to) return '';
      const f = path.resolve(from).split('/').filter(Boolean);
      const t = path.resolve(to).split('/').filter(Boolean);
      let i = 0;
      while (i < f.length && i < t.length && f[i] === t[i]) i++;
      return [...Array(f.length - i).fill('..'), ...t.slice(i)].join('/');
    },
    parse(p) {
      validateString(p, 'path');
      const parsed = { root: '', dir: '', base: '', ext: '', name: '' };
      if (p.length === 0) return parsed;
      const rooted = p[0] === '/';
      if (rooted) parsed.root = '/';
      const { start, end, bounded } = lastSegment(p, rooted ? 1 : 0);
      const segment = bounded ? start : 0;
      if (end !== -1) {
        parsed.base = p.slice(start, end);
        const dot = extensionStart(p, start, end, segment);
        if (dot === -1) parsed.name = parsed.base;
        else {
          parsed.name = p.slice(start, dot);
          parsed.ext = p.slice(dot, end);
        }
      }
      if (bounded) parsed.dir = p.slice(0, start - 1) || '/';
      else if (rooted) parsed.dir = '/';
      return parsed;
    },
    format(o) {
      if (o === null || typeof o !== 'object') throw host.invalidArgType('pathObject', 'object', o);
      const dir = o.dir || o.root;
      const ext = o.ext ? `${o.ext[0] === '.' ? '' : '.'}${o.ext}` : '';
      const base = o.base || `${o.name || ''}${ext}`;
      if (!dir) return base;
      return dir === o.root ? `${dir}${base}` : `${dir}/${base}`;
    },
    toNamespacedPath: (p) => p,
    matchesGlob: (p, pattern) => host.internal('glob').matchesGlob(p, pattern, false),
  };
  path.posix = path;
  // Windows paths (path_win32.js), loaded on first use.
  Object.defineProperty(path, 'win32', {
    get() {
      const win32 = host.internal('path_win32');
      win32.posix = path;
      Object.defineProperty(path, 'win32', { value: win32, enumerable: true, writable: true, configurable: true });
      return win32;
    },
    enumerable: true,
    configurable: true,
  });

  return path;
})(globalThis.__codebox);
