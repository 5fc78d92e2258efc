// The global environment as Node 20 has it: what QuickJS lacks (structuredClone, URL,
// URLSearchParams, ICU-like localeCompare and toLocaleString), and what QuickJS has but Node 20
// does not (newer proposals), removed so that feature checks answer as they do under Node.
(function (host) {
  'use strict';

  // ---- newer than Node 20 (V8 11.3) ----

  const remove = (object, names) => {
    for (const name of names) if (object && Object.prototype.hasOwnProperty.call(object, name)) delete object[name];
  };
  remove(Object, ['groupBy']);
  remove(Map, ['groupBy']);
  remove(Promise, ['withResolvers', 'try']);
  remove(Array, ['fromAsync']);
  remove(RegExp, ['escape']);
  remove(Math, ['sumPrecise', 'f16round']);
  remove(Error, ['isError']);
  remove(Set.prototype, ['union', 'intersection', 'difference', 'symmetricDifference', 'isSubsetOf', 'isSupersetOf', 'isDisjointFrom']);
  remove(ArrayBuffer.prototype, ['transfer', 'transferToFixedLength', 'detached']);
  if (globalThis.Iterator) {
    const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    remove(iteratorPrototype, ['map', 'filter', 'take', 'drop', 'flatMap', 'reduce', 'toArray', 'forEach', 'some', 'every', 'find', 'constructor']);
  }
  remove(globalThis, ['Iterator', 'Float16Array', 'DisposableStack', 'AsyncDisposableStack', 'SuppressedError']);

  // ---- structuredClone ----

  function cloneError(message) {
    const e = new Error(message);
    e.name = 'DataCloneError';
    e.code = 25;
    return e;
  }
  globalThis.structuredClone = function structuredClone(value) {
    const seen = new Map();
    const clone = (v) => {
      if (typeof v === 'function') throw cloneError(`${Function.prototype.toString.call(v)} could not be cloned.`);
      if (typeof v === 'symbol') throw cloneError(`${v.toString()} could not be cloned.`);
      if (v === null || typeof v !== 'object') return v;
      if (seen.has(v)) return seen.get(v);
      let out;
      if (Array.isArray(v)) { out = new Array(v.length); seen.set(v, out); for (const k of Object.keys(v)) out[k] = clone(v[k]); return out; }
      if (v instanceof Date) out = new Date(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (v instanceof Map) { out = new Map(); seen.set(v, out); for (const [k, x] of v) out.set(clone(k), clone(x)); return out; }
      else if (v instanceof Set) { out = new Set(); seen.set(v, out); for (const x of v) out.add(clone(x)); return out; }
      else if (ArrayBuffer.isView(v)) out = new v.constructor(v);
      else if (v instanceof ArrayBuffer) out = v.slice(0);
      else if (v instanceof Error) { out = new (globalThis[v.name] || Error)(v.message); if (v.stack) out.stack = v.stack; }
      else if (v instanceof Boolean || v instanceof Number || v instanceof String) out = Object(v.valueOf());
      else if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) throw cloneError(`#<${v.constructor.name}> could not be cloned.`);
      else out = {};
      seen.set(v, out);
      if (!(v instanceof Error)) for (const k of Object.keys(v)) out[k] = clone(v[k]);
      return out;
    };
    return clone(value);
  };

  // ---- localeCompare and toLocaleString, for the en-US locale Node uses by default ----

  // An approximation of ICU's root collation for the text interview programs sort: ignore
  // case and accents first (whitespace and punctuation before digits before letters), then
  // accents, then case with lower before upper.
  const strip = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const rank = (ch) => {
    const c = ch.codePointAt(0);
    if (/\s/.test(ch)) return 0;
    if (/[0-9]/.test(ch)) return 2;
    if (/[a-z]/i.test(ch)) return 3;
    return c < 0x80 ? 1 : 4;
  };
  function comparePrimary(a, b) {
    const x = [...strip(a).toLowerCase()];
    const y = [...strip(b).toLowerCase()];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] === y[i]) continue;
      const rx = rank(x[i]);
      const ry = rank(y[i]);
      if (rx !== ry) return rx < ry ? -1 : 1;
      return x[i] < y[i] ? -1 : 1;
    }
    return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
  }
  function localeCompare(that, options) {
    const a = String(this);
    const b = String(that);
    const sensitivity = options && options.sensitivity;
    const numeric = options && options.numeric;
    if (numeric) {
      const parts = (s) => s.match(/\d+|\D+/g) || [];
      const pa = parts(a);
      const pb = parts(b);
      for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
        const na = /^\d/.test(pa[i]);
        const nb = /^\d/.test(pb[i]);
        if (na && nb) { const d = Number(pa[i]) - Number(pb[i]); if (d !== 0) return d < 0 ? -1 : 1; continue; }
        const c = comparePrimary(pa[i], pb[i]);
        if (c !== 0) return c;
      }
      if (pa.length !== pb.length) return pa.length < pb.length ? -1 : 1;
    }
    const primary = comparePrimary(a, b);
    if (primary !== 0 || sensitivity === 'base') return primary;
    const sa = a.toLowerCase();
    const sb = b.toLowerCase();
    if (sa !== sb) return sa < sb ? -1 : 1;
    if (sensitivity === 'accent') return 0;
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] !== b[i]) return a[i] === a[i].toLowerCase() ? -1 : 1;
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }
  Object.defineProperty(String.prototype, 'localeCompare', {
    value: function localeCompareWrapper(that, locales, options) { return localeCompare.call(this, that, options); },
    writable: true,
    configurable: true,
  });

  function groupDigits(intPart) {
    return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  function numberToLocale(n, options = {}) {
    if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '∞' : '-∞';
    const min = options.minimumFractionDigits ?? (options.style === 'currency' ? 2 : 0);
    const max = Math.max(min, options.maximumFractionDigits ?? (options.style === 'currency' ? 2 : options.style === 'percent' ? 0 : 3));
    let value = options.style === 'percent' ? n * 100 : n;
    let text = Math.abs(value).toFixed(max);
    if (max > min) text = text.replace(new RegExp(`(\\.\\d{${min}}\\d*?)0+$`), '$1').replace(/\.$/, '');
    const [intPart, frac] = text.split('.');
    const grouped = options.useGrouping === false ? intPart : groupDigits(intPart);
    let out = frac ? `${grouped}.${frac}` : grouped;
    if (options.style === 'percent') out += '%';
    if (options.style === 'currency') out = `${options.currency === 'EUR' ? '€' : options.currency === 'GBP' ? '£' : '$'}${out}`;
    return value < 0 && Number(text) !== 0 ? `-${out}` : out;
  }
  Object.defineProperty(Number.prototype, 'toLocaleString', {
    value: function toLocaleString(locales, options) { return numberToLocale(Number(this), options); },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(BigInt.prototype, 'toLocaleString', {
    value: function toLocaleString() { const s = this.toString(); return s.startsWith('-') ? `-${groupDigits(s.slice(1))}` : groupDigits(s); },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(Array.prototype, 'toLocaleString', {
    value: function toLocaleString() { return Array.prototype.map.call(this, (v) => (v == null ? '' : v.toLocaleString())).join(','); },
    writable: true,
    configurable: true,
  });

  // ---- URL and URLSearchParams (WHATWG, for the special schemes interview code uses) ----

  const encodeQuery = (s) => encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const decodeQuery = (s) => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch (_) { return s; } };

  class URLSearchParams {
    constructor(init = '') {
      this._list = [];
      this._url = null;
      if (typeof init === 'string') this._parse(init);
      else if (init instanceof URLSearchParams) this._list = init._list.map((p) => [...p]);
      else if (init && typeof init[Symbol.iterator] === 'function') for (const [k, v] of init) this._list.push([String(k), String(v)]);
      else if (init && typeof init === 'object') for (const k of Object.keys(init)) this._list.push([k, String(init[k])]);
    }
    _parse(query) {
      this._list = [];
      for (const part of query.replace(/^\?/, '').split('&')) {
        if (part === '') continue;
        const i = part.indexOf('=');
        this._list.push(i === -1 ? [decodeQuery(part), ''] : [decodeQuery(part.slice(0, i)), decodeQuery(part.slice(i + 1))]);
      }
    }
    _update() { if (this._url) this._url._search = this._list.length ? `?${this.toString()}` : ''; }
    get size() { return this._list.length; }
    append(k, v) { this._list.push([String(k), String(v)]); this._update(); }
    delete(k) { this._list = this._list.filter(([x]) => x !== String(k)); this._update(); }
    get(k) { const p = this._list.find(([x]) => x === String(k)); return p ? p[1] : null; }
    getAll(k) { return this._list.filter(([x]) => x === String(k)).map(([, v]) => v); }
    has(k) { return this._list.some(([x]) => x === String(k)); }
    set(k, v) {
      const i = this._list.findIndex(([x]) => x === String(k));
      if (i === -1) this._list.push([String(k), String(v)]);
      else { this._list[i][1] = String(v); this._list = this._list.filter(([x], j) => j <= i || x !== String(k)); }
      this._update();
    }
    sort() { this._list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)); this._update(); }
    forEach(fn, thisArg) { for (const [k, v] of this._list) fn.call(thisArg, v, k, this); }
    keys() { return this._list.map(([k]) => k)[Symbol.iterator](); }
    values() { return this._list.map(([, v]) => v)[Symbol.iterator](); }
    entries() { return this._list.map((p) => [...p])[Symbol.iterator](); }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return this._list.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`).join('&'); }
    [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
      if (this._list.length === 0) return 'URLSearchParams {}';
      return `URLSearchParams { ${this._list.map(([k, v]) => `${inspect(k)} => ${inspect(v)}`).join(', ')} }`;
    }
  }

  const defaultPorts = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21' };
  const invalidUrl = (input) => {
    const e = new TypeError('Invalid URL');
    e.code = 'ERR_INVALID_URL';
    e.input = input;
    return e;
  };
  const normalizePath = (p) => {
    const out = [];
    for (const seg of p.split('/').slice(1)) {
      if (seg === '..') out.pop();
      else if (seg !== '.') out.push(seg);
    }
    if (/\/\.\.?$/.test(p)) out.push('');
    return `/${out.join('/')}`;
  };

  class URL {
    constructor(input, base) {
      input = String(input).trim();
      const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/.exec(input);
      if (!m) {
        if (base === undefined) throw invalidUrl(input);
        const b = base instanceof URL ? base : new URL(base);
        this._assign(b);
        if (input.startsWith('//')) { this._parseAuthority(`${b.protocol}${input}`); return; }
        const [beforeHash, hash = null] = input.split(/#(.*)/s);
        this._hash = hash === null ? '' : `#${hash}`;
        if (beforeHash === '') return;
        const q = beforeHash.indexOf('?');
        const pathPart = q === -1 ? beforeHash : beforeHash.slice(0, q);
        this._search = q === -1 ? (pathPart === '' ? b._search : '') : beforeHash.slice(q);
        if (pathPart !== '') {
          this._pathname = normalizePath(pathPart.startsWith('/') ? pathPart : `${b._pathname.replace(/[^/]*$/, '')}${pathPart}`);
        }
        this._searchParams = null;
        return;
      }
      this._parseAuthority(input);
    }
    _assign(b) {
      Object.assign(this, { _protocol: b._protocol, _username: b._username, _password: b._password, _hostname: b._hostname, _port: b._port, _pathname: b._pathname, _search: b._search, _hash: b._hash, _searchParams: null });
    }
    _parseAuthority(input) {
      const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:)(?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?)?([^?#]*)(\?[^#]*)?(#.*)?$/s.exec(input);
      if (!m) throw invalidUrl(input);
      const protocol = m[1].toLowerCase();
      const special = protocol in defaultPorts || protocol === 'file:';
      if (special && protocol !== 'file:' && !m[4]) throw invalidUrl(input);
      this._protocol = protocol;
      this._username = m[2] || '';
      this._password = m[3] || '';
      this._hostname = (m[4] || '').toLowerCase();
      this._port = m[5] && m[5] !== defaultPorts[protocol] ? m[5] : '';
      this._pathname = special ? normalizePath(m[6] || '/') : m[6] || '';
      this._search = m[7] && m[7] !== '?' ? m[7] : '';
      this._hash = m[8] && m[8] !== '#' ? m[8] : '';
      this._searchParams = null;
    }
    get protocol() { return this._protocol; }
    get username() { return this._username; }
    get password() { return this._password; }
    get hostname() { return this._hostname; }
    get port() { return this._port; }
    get host() { return this._port ? `${this._hostname}:${this._port}` : this._hostname; }
    get origin() { return this._protocol in defaultPorts ? `${this._protocol}//${this.host}` : 'null'; }
    get pathname() { return this._pathname; }
    set pathname(p) { this._pathname = normalizePath(p.startsWith('/') ? p : `/${p}`); }
    get search() { return this._search; }
    set search(s) { s = String(s); this._search = s === '' || s === '?' ? '' : s.startsWith('?') ? s : `?${s}`; if (this._searchParams) this._searchParams._parse(this._search); }
    get hash() { return this._hash; }
    set hash(h) { h = String(h); this._hash = h === '' || h === '#' ? '' : h.startsWith('#') ? h : `#${h}`; }
    get searchParams() {
      if (!this._searchParams) { this._searchParams = new URLSearchParams(this._search); this._searchParams._url = this; }
      return this._searchParams;
    }
    get href() {
      const auth = this._username ? `${this._username}${this._password ? `:${this._password}` : ''}@` : '';
      const slashes = this._protocol in defaultPorts || this._protocol === 'file:' || this._hostname ? '//' : '';
      return `${this._protocol}${slashes}${auth}${this.host}${this._pathname}${this._search}${this._hash}`;
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
    static canParse(input, base) { try { new URL(input, base); return true; } catch (_) { return false; } }
    [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
      const fields = { href: this.href, origin: this.origin, protocol: this.protocol, username: this.username, password: this.password, host: this.host, hostname: this.hostname, port: this.port, pathname: this.pathname, search: this.search, searchParams: this.searchParams, hash: this.hash };
      return `URL ${inspect(fields, options).replace(/^\{/, '{')}`;
    }
  }

  globalThis.URL = URL;
  globalThis.URLSearchParams = URLSearchParams;
  host.url = {
    URL,
    URLSearchParams,
    fileURLToPath: (u) => decodeURIComponent((u instanceof URL ? u : new URL(String(u))).pathname),
    pathToFileURL: (p) => new URL(`file://${encodeURI(p.startsWith('/') ? p : `${host.cwd}/${p}`)}`),
    format: (u) => (u instanceof URL ? u.href : String(u)),
  };
})(globalThis.__codebox);
