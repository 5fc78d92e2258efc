// The `path` module: POSIX paths, and enough of `path.win32` for programs that print them.
(function (host) {
  'use strict';

  // ---- path (POSIX) ----

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
  const path = {
    sep: '/',
    delimiter: ':',
    normalize(p) {
      if (p.length === 0) return '.';
      const isAbs = p.startsWith('/');
      const trailing = p.endsWith('/');
      let out = normalizeString(p, !isAbs);
      if (out.length === 0) { if (isAbs) return '/'; return trailing ? './' : '.'; }
      if (trailing) out += '/';
      return isAbs ? `/${out}` : out;
    },
    join(...parts) { const joined = parts.filter((p) => p.length > 0).join('/'); return joined.length === 0 ? '.' : path.normalize(joined); },
    resolve(...parts) {
      let resolved = '';
      for (let i = parts.length - 1; i >= -1 && !resolved.startsWith('/'); i--) {
        const p = i >= 0 ? parts[i] : host.cwd;
        if (p.length === 0) continue;
        resolved = `${p}/${resolved}`;
      }
      resolved = normalizeString(resolved, false);
      return `/${resolved}`;
    },
    isAbsolute: (p) => p.startsWith('/'),
    dirname(p) {
      if (p.length === 0) return '.';
      const trimmed = p.replace(/\/+$/, '') || '/';
      if (trimmed === '/') return '/';
      const i = trimmed.lastIndexOf('/');
      if (i === -1) return '.';
      if (i === 0) return '/';
      return trimmed.slice(0, i).replace(/\/+$/, '') || '/';
    },
    basename(p, ext) {
      const trimmed = p.replace(/\/+$/, '');
      let base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
      if (ext !== undefined && base.endsWith(ext) && base !== ext) base = base.slice(0, -ext.length);
      return base;
    },
    extname(p) {
      const base = path.basename(p);
      const i = base.lastIndexOf('.');
      return i <= 0 ? '' : base.slice(i);
    },
    relative(from, to) {
      const f = path.resolve(from).split('/').filter(Boolean);
      const t = path.resolve(to).split('/').filter(Boolean);
      let i = 0;
      while (i < f.length && i < t.length && f[i] === t[i]) i++;
      return [...Array(f.length - i).fill('..'), ...t.slice(i)].join('/');
    },
    parse(p) {
      const root = p.startsWith('/') ? '/' : '';
      const base = path.basename(p);
      const ext = path.extname(p);
      let dir = path.dirname(p);
      if (dir === '.' && !p.includes('/')) dir = '';
      return { root, dir, base, ext, name: ext ? base.slice(0, -ext.length) : base };
    },
    format(o) { const dir = o.dir || o.root || ''; const base = o.base || `${o.name || ''}${o.ext || ''}`; return dir ? (dir === o.root ? `${dir}${base}` : `${dir}/${base}`) : base; },
    toNamespacedPath: (p) => p,
  };
  path.posix = path;
  // Windows paths, for programs that print them: separators, drive letters and the basic calls.
  const win32 = {
    sep: '\\',
    delimiter: ';',
    normalize(p) {
      const m = /^([a-zA-Z]:)?([\\/])?/.exec(p);
      const device = m[1] || '';
      const absolute = Boolean(m[2]);
      const rest = normalizeString(p.slice(m[0].length).replace(/\//g, '\\').split('\\').join('/'), !absolute).split('/').join('\\');
      return `${device}${absolute ? '\\' : ''}${rest}` || '.';
    },
    join: (...parts) => win32.normalize(parts.filter((p) => p.length > 0).join('\\')),
    basename(p, ext) {
      let base = p.replace(/[\\/]+$/, '').split(/[\\/]/).pop().replace(/^[a-zA-Z]:/, '');
      if (ext !== undefined && base.endsWith(ext) && base !== ext) base = base.slice(0, -ext.length);
      return base;
    },
    dirname(p) {
      const i = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
      return i <= 0 ? (i === 0 ? p[0] : '.') : /^[a-zA-Z]:$/.test(p.slice(0, i)) ? p.slice(0, i + 1) : p.slice(0, i);
    },
    extname: (p) => path.extname(win32.basename(p)),
    isAbsolute: (p) => /^([a-zA-Z]:)?[\\/]/.test(p),
  };
  win32.win32 = win32;
  path.win32 = win32;

  return path;
})(globalThis.__codebox);
