// The `url` module and the URL and URLSearchParams globals (WHATWG, for the special schemes
// interview code uses).
(function (host) {
  'use strict';

  // ---- URL and URLSearchParams (WHATWG, for the special schemes interview code uses) ----

  const encodeQuery = (s) => encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const decodeQuery = (s) => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch (_) { return s; } };

  // A URLSearchParams' pairs and the URL it belongs to live here, not on the object: Node's
  // have no own properties, and a method called on anything else throws ERR_INVALID_THIS.
  const paramsState = new WeakMap();
  const invalidThis = (type) => host.coded(new TypeError(`Value of "this" must be of type ${type}`), 'ERR_INVALID_THIS');
  function stateOf(params) {
    const state = paramsState.get(params);
    if (state === undefined) throw invalidThis('URLSearchParams');
    return state;
  }
  function missingArgs(names, count) {
    if (count >= names.length) return;
    const quoted = names.map((n) => `"${n}"`);
    const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
    throw host.coded(new TypeError(`The ${list} argument${quoted.length === 1 ? '' : 's'} must be specified`), 'ERR_MISSING_ARGS');
  }
  // WebIDL's USVString: the value as a string, lone surrogates replaced by U+FFFD.
  function usv(value) {
    if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return `${value}`.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  }
  function parseQuery(query) {
    const list = [];
    for (const part of query.replace(/^\?/, '').split('&')) {
      if (part === '') continue;
      const i = part.indexOf('=');
      list.push(i === -1 ? [decodeQuery(part), ''] : [decodeQuery(part.slice(0, i)), decodeQuery(part.slice(i + 1))]);
    }
    return list;
  }
  function updateUrl(state, params) {
    if (state.url) state.url._search = state.list.length ? `?${params.toString()}` : '';
  }

  class URLSearchParams {
    constructor(init = undefined) {
      const state = { list: [], url: null };
      paramsState.set(this, state);
      if (init === undefined || init === null) return;
      if (typeof init === 'object' || typeof init === 'function') {
        const method = init[Symbol.iterator];
        if (method === undefined) {
          for (const key of Reflect.ownKeys(init)) {
            const descriptor = Reflect.getOwnPropertyDescriptor(init, key);
            if (descriptor !== undefined && descriptor.enumerable) {
              // An enumerable symbol key throws, as its conversion to a string does in Node.
              state.list.push([usv(typeof key === 'symbol' ? `${key}` : key), usv(init[key])]);
            }
          }
          return;
        }
        if (typeof method !== 'function') {
          throw host.coded(new TypeError('Query pairs must be iterable'), 'ERR_ARG_NOT_ITERABLE');
        }
        for (const pair of init) {
          if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') ||
              typeof pair[Symbol.iterator] !== 'function') {
            throw host.coded(new TypeError('Each query pair must be an iterable [name, value] tuple'), 'ERR_INVALID_TUPLE');
          }
          const items = [...pair];
          if (items.length !== 2) {
            throw host.coded(new TypeError('Each query pair must be an iterable [name, value] tuple'), 'ERR_INVALID_TUPLE');
          }
          state.list.push([usv(items[0]), usv(items[1])]);
        }
        return;
      }
      state.list = parseQuery(usv(init));
    }

    get size() { return stateOf(this).list.length; }

    append(name, value) {
      const state = stateOf(this);
      missingArgs(['name', 'value'], arguments.length);
      state.list.push([usv(name), usv(value)]);
      updateUrl(state, this);
    }

    delete(name, value = undefined) {
      const state = stateOf(this);
      missingArgs(['name'], arguments.length);
      name = usv(name);
      if (value !== undefined) {
        value = usv(value);
        state.list = state.list.filter(([k, v]) => k !== name || v !== value);
      } else {
        state.list = state.list.filter(([k]) => k !== name);
      }
      updateUrl(state, this);
    }

    get(name) {
      const state = stateOf(this);
      missingArgs(['name'], arguments.length);
      name = usv(name);
      const pair = state.list.find(([k]) => k === name);
      return pair ? pair[1] : null;
    }

    getAll(name) {
      const state = stateOf(this);
      missingArgs(['name'], arguments.length);
      name = usv(name);
      return state.list.filter(([k]) => k === name).map(([, v]) => v);
    }

    has(name, value = undefined) {
      const state = stateOf(this);
      missingArgs(['name'], arguments.length);
      name = usv(name);
      if (value !== undefined) {
        value = usv(value);
        return state.list.some(([k, v]) => k === name && v === value);
      }
      return state.list.some(([k]) => k === name);
    }

    set(name, value) {
      const state = stateOf(this);
      missingArgs(['name', 'value'], arguments.length);
      name = usv(name);
      value = usv(value);
      const i = state.list.findIndex(([k]) => k === name);
      if (i === -1) {
        state.list.push([name, value]);
      } else {
        state.list[i][1] = value;
        state.list = state.list.filter(([k], j) => j <= i || k !== name);
      }
      updateUrl(state, this);
    }

    sort() {
      const state = stateOf(this);
      // A stable sort by UTF-16 code units, as the standard asks.
      state.list = state.list
        .map((pair, index) => [pair, index])
        .sort(([[a], i], [[b], j]) => (a < b ? -1 : a > b ? 1 : i - j))
        .map(([pair]) => pair);
      updateUrl(state, this);
    }

    forEach(callback, thisArg = undefined) {
      const state = stateOf(this);
      if (typeof callback !== 'function') throw host.invalidArgType('callback', 'function', callback);
      for (let i = 0; i < state.list.length; i++) {
        const [k, v] = state.list[i];
        callback.call(thisArg, v, k, this);
      }
    }

    keys() { stateOf(this); return new URLSearchParamsIterator(this, 'key'); }
    values() { stateOf(this); return new URLSearchParamsIterator(this, 'value'); }
    entries() { stateOf(this); return new URLSearchParamsIterator(this, 'key+value'); }

    toString() {
      return stateOf(this).list.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`).join('&');
    }

    [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
      const list = stateOf(this).list;
      if (typeof depth === 'number' && depth < 0) return '[Object]';
      if (list.length === 0) return 'URLSearchParams {}';
      const inner = { ...options, depth: depth === null ? null : depth - 1 };
      const output = list.map(([k, v]) => `${inspect(k, inner)} => ${inspect(v, inner)}`);
      const length = output.reduce((sum, item) => sum + item.length + 2, -2);
      // Node breaks the pairs onto lines of their own, closing on the last one.
      if (length > options.breakLength) return `URLSearchParams {\n  ${output.join(',\n  ')} }`;
      return `URLSearchParams { ${output.join(', ')} }`;
    }
  }
  Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
    value: URLSearchParams.prototype.entries, writable: true, configurable: true, enumerable: false,
  });
  Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });

  // The iterators of URLSearchParams: live over the list (a pair appended while iterating is
  // reached), shown by util.inspect with what is left to iterate, as in Node.
  const pick = { key: ([k]) => k, value: ([, v]) => v, 'key+value': ([k, v]) => [k, v] };
  const liveIterators = new WeakSet();
  class URLSearchParamsIterator {
    #params;
    #kind;
    #index = 0;
    constructor(params, kind) {
      this.#params = params;
      this.#kind = kind;
      liveIterators.add(this);
    }
    next() {
      if (!liveIterators.has(this)) throw invalidThis('URLSearchParamsIterator');
      const list = paramsState.get(this.#params).list;
      if (this.#index >= list.length) return { value: undefined, done: true };
      return { value: pick[this.#kind](list[this.#index++]), done: false };
    }
    get [Symbol.toStringTag]() { return 'URLSearchParams Iterator'; }
    [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
      const inner = { ...options, depth: depth === null ? null : depth - 1 };
      if (!liveIterators.has(this)) throw invalidThis('URLSearchParamsIterator');
      const items = paramsState.get(this.#params).list.slice(this.#index).map(pick[this.#kind]);
      const shown = items.map((item) => inspect(item, inner));
      const broken = inspect(items, inner).includes('\n');
      return `URLSearchParams Iterator {${broken ? `\n  ${shown.join(',\n  ')}` : ` ${shown.join(', ')}`} }`;
    }
  }
  Object.setPrototypeOf(URLSearchParamsIterator.prototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));

  const defaultPorts = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21' };
  const invalidUrl = (input) => {
    const e = new TypeError('Invalid URL');
    host.coded(e, 'ERR_INVALID_URL');
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

  // The userinfo percent-encode set of the URL standard.
  const encodeUserinfo = (value) => String(value).replace(/[\u0000-\u0020"#<>?`{}/:;=@[\\\]^|\u007f-\uffff]/gu, (c) => encodeURIComponent(c));

  class URL {
    constructor(input, base) {
      urls.add(this);
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
    set search(s) { s = String(s); this._search = s === '' || s === '?' ? '' : s.startsWith('?') ? s : `?${s}`; if (this._searchParams) paramsState.get(this._searchParams).list = parseQuery(this._search); }
    set protocol(value) {
      const scheme = String(value).split(':')[0].toLowerCase();
      if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) return;
      // A special scheme (http, file, ...) and a non-special one do not trade places.
      if ((this._protocol in defaultPorts || this._protocol === 'file:') !== (`${scheme}:` in defaultPorts || scheme === 'file')) return;
      this._protocol = `${scheme}:`;
      if (this._port === defaultPorts[this._protocol]) this._port = '';
    }
    set username(value) { if (this._hostname !== '' && this._protocol !== 'file:') this._username = encodeUserinfo(value); }
    set password(value) { if (this._hostname !== '' && this._protocol !== 'file:') this._password = encodeUserinfo(value); }
    set host(value) {
      const m = /^(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?/.exec(String(value));
      if (!m || m[1] === '') return;
      this._hostname = m[1].toLowerCase();
      if (m[2] !== undefined) this._port = m[2] === defaultPorts[this._protocol] ? '' : m[2];
    }
    set hostname(value) {
      const m = /^(\[[^\]]*\]|[^:/?#]*)/.exec(String(value));
      if (m && m[1] !== '') this._hostname = m[1].toLowerCase();
    }
    set port(value) {
      const digits = /^\d*/.exec(String(value))[0];
      if (this._hostname === '' || this._protocol === 'file:') return;
      if (digits === '') { if (String(value) === '') this._port = ''; return; }
      const port = Number(digits);
      if (port > 65535) return;
      this._port = String(port) === defaultPorts[this._protocol] ? '' : String(port);
    }
    get hash() { return this._hash; }
    set hash(h) { h = String(h); this._hash = h === '' || h === '#' ? '' : h.startsWith('#') ? h : `#${h}`; }
    get searchParams() {
      if (!this._searchParams) { this._searchParams = new URLSearchParams(this._search); paramsState.get(this._searchParams).url = this; }
      return this._searchParams;
    }
    get href() {
      const auth = this._username ? `${this._username}${this._password ? `:${this._password}` : ''}@` : '';
      const slashes = this._protocol in defaultPorts || this._protocol === 'file:' || this._hostname ? '//' : '';
      return `${this._protocol}${slashes}${auth}${this.host}${this._pathname}${this._search}${this._hash}`;
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
    set href(value) {
      const parsed = new URL(value);
      // The URL's searchParams object stays the same one, with the new query in it.
      const params = this._searchParams;
      this._assign(parsed);
      this._searchParams = params;
      if (params) paramsState.get(params).list = parseQuery(this._search);
    }
    static canParse(input, base) {
      missingArgs(['url'], arguments.length);
      try { new URL(input, base); return true; } catch (_) { return false; }
    }
    // A sandbox has no Blobs to make URLs for: every object is refused as Node refuses a
    // non-Blob, and revoking is a no-op.
    static createObjectURL(obj) {
      throw host.invalidArgType('obj', 'an instance of Blob', obj);
    }
    static revokeObjectURL(url) {
      missingArgs(['url'], arguments.length);
    }
    [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
      const fields = { href: this.href, origin: this.origin, protocol: this.protocol, username: this.username, password: this.password, host: this.host, hostname: this.hostname, port: this.port, pathname: this.pathname, search: this.search, searchParams: this.searchParams, hash: this.hash };
      return `URL ${inspect(fields, options).replace(/^\{/, '{')}`;
    }
  }

  // As Node's: the accessors and methods of URL and URLSearchParams are enumerable, URL's
  // refuse a `this` that is not a URL, and URL has its toStringTag.
  // What refuses the wrong `this` is V8's check of the private state Node's URL keeps, so the
  // messages are V8's: the methods and the href and search getters reach it through a private
  // method, the rest read it directly.
  const urls = new WeakSet();
  const throughMethod = new Set(['toString', 'toJSON', 'get href', 'get search']);
  // Defined again in Node's order, which Object.keys(URL.prototype) shows.
  const urlMembers = ['toString', 'href', 'origin', 'protocol', 'username', 'password', 'host',
    'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash', 'toJSON'];
  const urlDescriptors = Object.getOwnPropertyDescriptors(URL.prototype);
  for (const name of urlMembers) delete URL.prototype[name];
  for (const name of urlMembers) {
    const descriptor = urlDescriptors[name];
    const checked = (fn, shownName) => {
      if (!fn) return fn;
      // A method, so that the wrapper has no `prototype`, as Node's accessors and methods.
      const wrapper = { [shownName](...args) {
        if (!urls.has(this)) {
          throw new TypeError(throughMethod.has(shownName)
            ? 'Receiver must be an instance of class URL'
            : 'Cannot read private member #context from an object whose class did not declare it');
        }
        return Reflect.apply(fn, this, args);
      } }[shownName];
      Object.defineProperty(wrapper, 'length', { value: fn.length });
      return wrapper;
    };
    Object.defineProperty(URL.prototype, name, {
      ...descriptor,
      ...(descriptor.get ? { get: checked(descriptor.get, `get ${name}`) } : {}),
      ...(descriptor.set ? { set: checked(descriptor.set, `set ${name}`) } : {}),
      ...(typeof descriptor.value === 'function' ? { value: checked(descriptor.value, name) } : {}),
      enumerable: true,
    });
  }
  Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });
  for (const name of ['canParse', 'createObjectURL', 'revokeObjectURL']) {
    Object.defineProperty(URL, name, { enumerable: true });
  }
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(URLSearchParams.prototype))) {
    if (name !== 'constructor') Object.defineProperty(URLSearchParams.prototype, name, { ...descriptor, enumerable: true });
  }

  // ---- file URLs and paths, as Node's url module converts them (`options.windows` for Windows
  // paths; a run's own paths are POSIX) ----

  const fileUrlPathError = (detail) => host.coded(new TypeError(`File URL path ${detail}`), 'ERR_INVALID_FILE_URL_PATH');

  function fileURLToPath(path, options = undefined) {
    const windows = (options != null && options.windows) || false;
    if (typeof path === 'string') path = new URL(path);
    else if (!(path instanceof URL)) throw host.invalidArgType('path', 'string or an instance of URL', path);
    if (path.protocol !== 'file:') throw host.coded(new TypeError('The URL must be of scheme file'), 'ERR_INVALID_URL_SCHEME');
    const hostname = path.hostname === 'localhost' ? '' : path.hostname;
    let pathname = path.pathname;
    if (windows ? /%(?:2f|5c)/i.test(pathname) : /%2f/i.test(pathname)) {
      throw fileUrlPathError(windows ? 'must not include encoded \\ or / characters' : 'must not include encoded / characters');
    }
    if (!windows) {
      if (hostname !== '') throw host.coded(new TypeError('File URL host must be "localhost" or empty on linux'), 'ERR_INVALID_FILE_URL_HOST');
      return decodeURIComponent(pathname);
    }
    pathname = decodeURIComponent(pathname.replace(/\//g, '\\'));
    if (hostname !== '') return `\\\\${hostname}${pathname}`;
    // A local Windows path needs its drive letter.
    if (!/^\\[a-z]:/i.test(pathname)) throw fileUrlPathError('must be absolute');
    return pathname.slice(1);
  }

  // Node's percent-encoding of a path in a file URL: controls, space, and
  // "#%<>?[\]^`{|}~ and DEL, and every non-ASCII character as its UTF-8 bytes.
  let utf8;
  function encodeFilePath(text) {
    utf8 ??= new TextEncoder();
    let out = '';
    for (const ch of text) {
      const code = ch.codePointAt(0);
      if (code > 0x20 && code < 0x7f && !'"#%<>?[\\]^`{|}~'.includes(ch)) {
        out += ch;
      } else {
        for (const byte of utf8.encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
    }
    return out;
  }

  function pathToFileURL(filepath, options = undefined) {
    if (typeof filepath !== 'string') throw host.invalidArgType('path', 'string', filepath);
    const windows = (options != null && options.windows) || false;
    const path = host.internal('path');
    if (windows && filepath.startsWith('\\\\') && !/^\\\\\?\\[a-z]:/i.test(filepath)) {
      // \\server\share\resource, or \\?\UNC\server\share\resource.
      const prefixLength = filepath.startsWith('\\\\?\\UNC\\') ? 8 : 2;
      const hostnameEnd = filepath.indexOf('\\', prefixLength);
      const invalid = (reason) => host.coded(new TypeError(`The argument 'path' ${reason}. Received ${host.inspect(filepath)}`), 'ERR_INVALID_ARG_VALUE');
      if (hostnameEnd === -1) throw invalid('Missing UNC resource path');
      if (hostnameEnd === 2) throw invalid('Empty UNC servername');
      const hostname = filepath.slice(prefixLength, hostnameEnd).toLowerCase();
      return new URL(`file://${hostname}${encodeFilePath(filepath.slice(hostnameEnd).replace(/\\/g, '/'))}`);
    }
    if (windows) {
      // \\?\C:\... is the long form of C:\...
      const local = filepath.replace(/^\\\\\?\\/, '');
      let resolved = path.win32.resolve(local);
      if (/[\\/]$/.test(local) && !resolved.endsWith('\\')) resolved += '\\';
      return new URL(`file:///${encodeFilePath(resolved.replace(/\\/g, '/'))}`);
    }
    let resolved = path.resolve(filepath);
    if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
    return new URL(`file://${encodeFilePath(resolved)}`);
  }

  // `url.urlToHttpOptions`: what http.request takes, from a URL.
  function urlToHttpOptions(url) {
    const options = { __proto__: null };
    for (const key of Object.keys(url)) {
      if (!(urls.has(url) && key.startsWith('_'))) options[key] = url[key];
    }
    const { hostname, pathname, port, username, password, search } = url;
    Object.assign(options, {
      protocol: url.protocol,
      hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
      hash: url.hash,
      search,
      pathname,
      path: `${pathname || ''}${search || ''}`,
      href: url.href,
    });
    if (port !== '') options.port = Number(port);
    if (username || password) options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
    return options;
  }

  // ---- the legacy API: url.parse, url.format and url.resolve ----

  // Protocols whose URLs have `//` and a host, and those that never have a host.
  const slashedProtocols = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:', 'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);
  const hostlessProtocols = new Set(['javascript', 'javascript:']);
  // Characters escaped in what follows the host, as Node's legacy parser escapes them.
  const autoEscape = new Set(['{', '}', '|', '\\', '^', '`', '<', '>', '"', ' ', '\r', '\n', '\t', "'"]);
  const hostEnd = ['/', '?', '#', '\\', ' ', '<', '>', '"', '`', '{', '}', '|', '^', "'", '\r', '\n', '\t', ';'];

  function Url() {
    this.protocol = null;
    this.slashes = null;
    this.auth = null;
    this.host = null;
    this.port = null;
    this.hostname = null;
    this.hash = null;
    this.search = null;
    this.query = null;
    this.pathname = null;
    this.path = null;
    this.href = null;
  }

  function urlParse(input, parseQueryString = false, slashesDenoteHost = false) {
    if (input instanceof Url) return input;
    if (typeof input !== 'string') throw host.invalidArgType('url', 'string', input);
    const url = new Url();
    let rest = input.trim();
    const hashAt = rest.indexOf('#');
    if (hashAt !== -1) {
      url.hash = rest.slice(hashAt);
      rest = rest.slice(0, hashAt);
    }
    const searchAt = rest.indexOf('?');
    if (searchAt !== -1) {
      url.search = rest.slice(searchAt);
      url.query = rest.slice(searchAt + 1);
      rest = rest.slice(0, searchAt);
    }
    if (parseQueryString) {
      // Without a query string, search stays null and the query is an empty object.
      url.query = host.internal('misc').querystring.parse(url.query || '');
    }
    const proto = /^[a-z0-9.+-]+:/i.exec(rest);
    let lowerProto;
    if (proto) {
      lowerProto = proto[0].toLowerCase();
      url.protocol = lowerProto;
      rest = rest.slice(proto[0].length);
    }
    if ((slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) && rest.startsWith('//') && !(proto && hostlessProtocols.has(lowerProto))) {
      url.slashes = true;
      rest = rest.slice(2);
    }
    if (!hostlessProtocols.has(lowerProto) && (url.slashes || (proto && !slashedProtocols.has(lowerProto)))) {
      let end = rest.length;
      for (const c of hostEnd) {
        const at = rest.indexOf(c);
        if (at !== -1 && at < end) end = at;
      }
      const atSign = rest.lastIndexOf('@', end);
      if (atSign !== -1) {
        url.auth = decodeURIComponent(rest.slice(0, atSign));
        rest = rest.slice(atSign + 1);
        end -= atSign + 1;
      }
      let hostPart = rest.slice(0, end);
      rest = rest.slice(end);
      const port = /:[0-9]*$/.exec(hostPart);
      if (port) {
        if (port[0] !== ':') url.port = port[0].slice(1);
        hostPart = hostPart.slice(0, hostPart.length - port[0].length);
      }
      const ipv6 = hostPart.startsWith('[') && hostPart.endsWith(']');
      url.hostname = (ipv6 ? hostPart.slice(1, -1) : hostPart).toLowerCase();
      url.host = `${ipv6 ? `[${url.hostname}]` : url.hostname}${url.port !== null ? `:${url.port}` : ''}`;
    }
    if (!hostlessProtocols.has(lowerProto)) {
      rest = [...rest].map((c) => (autoEscape.has(c) ? encodeURIComponent(c) : c)).join('');
    }
    if (rest.length > 0) url.pathname = rest;
    if (slashedProtocols.has(lowerProto) && url.hostname && !url.pathname) url.pathname = '/';
    if (url.pathname !== null || url.search !== null) url.path = `${url.pathname || ''}${url.search || ''}`;
    url.href = urlFormat(url);
    return url;
  }

  function urlFormat(object) {
    if (typeof object === 'string') object = urlParse(object);
    else if (object instanceof URL) return object.href;
    else if (object === null || typeof object !== 'object') throw host.invalidArgType('urlObject', 'object', object);
    let auth = object.auth || '';
    if (auth) auth = `${encodeURIComponent(auth).replace(/%3A/i, ':')}@`;
    let protocol = object.protocol || '';
    let pathname = object.pathname || '';
    let hash = object.hash || '';
    let hostText = '';
    let query = '';
    if (object.host) hostText = auth + object.host;
    else if (object.hostname) {
      hostText = auth + (object.hostname.includes(':') ? `[${object.hostname}]` : object.hostname);
      if (object.port) hostText += `:${object.port}`;
    }
    if (object.query !== null && typeof object.query === 'object') query = host.internal('misc').querystring.stringify(object.query);
    let search = object.search || (query && `?${query}`) || '';
    if (protocol && !protocol.endsWith(':')) protocol += ':';
    pathname = pathname.replace(/[?#]/g, (c) => encodeURIComponent(c));
    if (object.slashes || slashedProtocols.has(protocol)) {
      if (object.slashes || hostText) {
        if (pathname && pathname[0] !== '/') pathname = `/${pathname}`;
        hostText = `//${hostText}`;
      } else if (protocol === 'file:') {
        hostText = '//';
      }
    }
    if (hash && hash[0] !== '#') hash = `#${hash}`;
    if (search && search[0] !== '?') search = `?${search}`;
    search = search.replace(/#/g, '%23');
    return protocol + hostText + pathname + search + hash;
  }

  // Resolves `to` against `from` as a browser resolves a link; a base without a protocol is
  // resolved as a path.
  function urlResolve(from, to) {
    if (/^[a-z0-9.+-]+:/i.test(from)) return new URL(to, from).href;
    const resolved = new URL(to, `resolve://host${from.startsWith('/') ? '' : '/'}${from}`);
    if (resolved.protocol !== 'resolve:') return resolved.href;
    const out = `${resolved.pathname}${resolved.search}${resolved.hash}`;
    return from.startsWith('/') || to.startsWith('/') ? out : out.slice(1);
  }

  return {
    URL,
    URLSearchParams,
    Url,
    parse: urlParse,
    resolve: urlResolve,
    fileURLToPath,
    pathToFileURL,
    format: urlFormat,
    urlToHttpOptions,
  };
})(globalThis.__codebox);
