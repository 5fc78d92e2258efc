// Modules as Node resolves them: CommonJS (`require`, the cache, cycles, JSON, folders,
// node_modules), ES modules (resolution and loading for main.rs's QuickJS loader, with
// built-ins and CommonJS files offered as synthetic modules), which kind the entry is, and how
// an uncaught error is printed.
(function (host) {
  'use strict';

  const { inspect } = host;
  const internal = (name, key) => () => (key ? host.internal(name)[key] : host.internal(name));
  // The built-in modules, each loaded on first use.
  const loaders = {
    fs: internal('fs'),
    'fs/promises': () => host.internal('fs').promises,
    path: internal('path'),
    'path/posix': internal('path'),
    'path/win32': () => host.internal('path').win32,
    util: internal('util'),
    assert: internal('assert'),
    'assert/strict': internal('assert', 'strict'),
    events: () => host.EventEmitter,
    readline: internal('readline'),
    'readline/promises': () => host.internal('readline').promises,
    os: internal('misc', 'os'),
    timers: internal('misc', 'timers'),
    'timers/promises': internal('misc', 'timersPromises'),
    querystring: internal('misc', 'querystring'),
    'util/types': () => host.internal('util').types,
    string_decoder: internal('string_decoder'),
    stream: internal('stream'),
    test: internal('test_runner'),
    _stream_readable: internal('stream', 'Readable'),
    _stream_writable: internal('stream', 'Writable'),
    _stream_duplex: internal('stream', 'Duplex'),
    _stream_transform: internal('stream', 'Transform'),
    _stream_passthrough: internal('stream', 'PassThrough'),
    'stream/promises': internal('stream', 'promises'),
    'stream/consumers': internal('stream_consumers'),
    buffer: () => host.internal('buffer').module,
    url: internal('url'),
    process: () => globalThis.process,
    console: () => globalThis.console,
    module: () => Module,
  };
  const builtins = {};
  for (const [name, load] of Object.entries(loaders)) {
    Object.defineProperty(builtins, name, {
      get() { const value = load(); Object.defineProperty(builtins, name, { value, enumerable: true }); return value; },
      enumerable: true,
      configurable: true,
    });
  }
  host.builtins = builtins;
  const path = host.internal('path');
  const kind = (p) => host.stat(p);
  const isFile = (p) => kind(p) === 'file';
  const isDir = (p) => kind(p) === 'dir';

  // Built-ins that exist only under the `node:` scheme (`require('test')` is a package).
  const schemeOnly = new Set(['test']);

  function builtinName(request) {
    const prefixed = request.startsWith('node:');
    const name = prefixed ? request.slice(5) : request;
    if (!prefixed && schemeOnly.has(name)) return null;
    return Object.prototype.hasOwnProperty.call(builtins, name) ? name : null;
  }

  // ---- CommonJS ----

  function notFound(request, parent) {
    const stack = [];
    for (let m = parent; m; m = m.parent) stack.push(m.filename);
    const e = new Error(`Cannot find module '${request}'${stack.length ? `\nRequire stack:\n- ${stack.join('\n- ')}` : ''}`);
    e.code = 'MODULE_NOT_FOUND';
    e.requireStack = stack;
    return e;
  }

  function readPackage(dir) {
    const file = `${dir}/package.json`;
    if (!isFile(file)) return null;
    try {
      return JSON.parse(host.readFile(file));
    } catch (e) {
      e.message = `Error parsing ${file}: ${e.message}`;
      throw e;
    }
  }

  function tryFile(p) {
    if (isFile(p)) return p;
    for (const ext of ['.js', '.json']) if (isFile(p + ext)) return p + ext;
    return null;
  }

  function tryDirectory(p) {
    if (!isDir(p)) return null;
    const pkg = readPackage(p);
    if (pkg && typeof pkg.main === 'string') {
      const main = path.resolve(p, pkg.main);
      const found = tryFile(main) || tryIndex(main);
      if (found) return found;
    }
    return tryIndex(p);
  }

  function tryIndex(p) {
    for (const index of ['index.js', 'index.json']) if (isFile(`${p}/${index}`)) return `${p}/${index}`;
    return null;
  }

  function resolveFilename(request, parent) {
    if (typeof request !== 'string') throw host.invalidArgType('id', 'string', request);
    if (builtinName(request) !== null) return `node:${builtinName(request)}`;
    const fromDir = parent ? path.dirname(parent.filename) : host.cwd;
    if (request === '.' || request === '..' || request.startsWith('./') || request.startsWith('../') || request.startsWith('/')) {
      const base = path.resolve(fromDir, request);
      const found = (request.endsWith('/') ? null : tryFile(base)) || tryDirectory(base);
      if (found) return found;
      throw notFound(request, parent);
    }
    if (request.startsWith('node:')) {
      const e = new Error(`No such built-in module: ${request}`);
      host.coded(e, 'ERR_UNKNOWN_BUILTIN_MODULE');
      throw e;
    }
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      if (path.basename(dir) !== 'node_modules') {
        const base = `${dir === '/' ? '' : dir}/node_modules/${request}`;
        const found = tryFile(base) || tryDirectory(base);
        if (found) return found;
      }
      if (dir === '/') break;
    }
    throw notFound(request, parent);
  }

  class Module {
    constructor(id, parent) {
      this.id = id;
      this.path = path.dirname(id);
      this.exports = {};
      this.filename = id;
      this.loaded = false;
      this.children = [];
      this.paths = [];
      Object.defineProperty(this, 'parent', { value: parent, enumerable: false, writable: true });
      if (parent) parent.children.push(this);
    }
    require(request) { return requireFrom(this, request); }
  }
  const cache = Object.create(null);
  Module._cache = cache;
  Module.builtinModules = Object.keys(loaders).filter((name) => !schemeOnly.has(name));
  let mainModule;

  function compile(module, source) {
    const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
    const wrapper = host.evalScript(`(function (exports, require, module, __filename, __dirname) {\n${body}\n})`, module.filename);
    const require = makeRequire(module);
    wrapper.call(module.exports, module.exports, require, module, module.filename, path.dirname(module.filename));
  }

  function load(filename, parent) {
    const cached = cache[filename];
    if (cached) {
      if (parent && !parent.children.includes(cached)) parent.children.push(cached);
      return cached.exports;
    }
    if (filename.endsWith('.mjs')) {
      const e = new Error(`require() of ES Module ${filename} not supported.\nInstead change the require of ${filename} to a dynamic import() which is available in all CommonJS modules.`);
      host.coded(e, 'ERR_REQUIRE_ESM');
      throw e;
    }
    const module = new Module(parent || mainModule ? filename : '.', parent);
    module.filename = filename;
    module.path = path.dirname(filename);
    if (!parent && !mainModule) mainModule = module;
    cache[filename] = module;
    let threw = true;
    try {
      const source = host.readFile(filename);
      if (filename.endsWith('.json')) {
        try {
          module.exports = JSON.parse(source);
        } catch (e) {
          e.message = `${filename}: ${e.message}`;
          throw e;
        }
      } else {
        compile(module, source);
      }
      threw = false;
    } finally {
      if (threw) delete cache[filename];
    }
    module.loaded = true;
    return module.exports;
  }

  function requireFrom(parent, request) {
    const filename = resolveFilename(request, parent);
    if (filename.startsWith('node:')) return builtins[filename.slice(5)];
    return load(filename, parent);
  }

  function makeRequire(module) {
    const require = (request) => requireFrom(module, request);
    require.resolve = (request) => resolveFilename(request, module);
    require.cache = cache;
    require.main = mainModule;
    return require;
  }

  host.runMain = (entry) => {
    try {
      load(entry, undefined);
    } catch (err) {
      if (!host.handleUncaught(err)) throw err;
    }
  };
  Module.createRequire = (from) => {
    const filename = String(from instanceof URL ? from.pathname : from).replace(/^file:\/\//, '');
    const anchor = new Module(filename, undefined);
    anchor.loaded = true;
    return makeRequire(anchor);
  };

  // ---- ES modules ----

  const toPath = (url) => (url.startsWith('file://') ? url.slice(7) : url);

  // Which kind of module the entry is: by extension, then by the nearest package.json.
  host.entryKind = (entry) => {
    if (entry.endsWith('.mjs')) return 'module';
    if (entry.endsWith('.cjs')) return 'commonjs';
    for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
      const pkg = readPackage(dir);
      if (pkg) return pkg.type === 'module' ? 'module' : 'commonjs';
      if (dir === '/') return 'commonjs';
    }
  };

  const esmIsModule = (file) => host.entryKind(file) === 'module';

  // Node's ESM resolution: exact paths only (no extension search, no folders), built-ins by
  // name, packages from node_modules through their package.json.
  host.esmResolve = (base, name) => {
    if (builtinName(name) !== null) return `node:${builtinName(name)}`;
    const baseDir = path.dirname(toPath(base));
    let target;
    if (name.startsWith('file://')) target = name.slice(7);
    else if (name.startsWith('/') || name.startsWith('./') || name.startsWith('../')) target = path.resolve(baseDir, name);
    else {
      const e = new Error(`Cannot find package '${name}' imported from ${toPath(base)}`);
      host.coded(e, 'ERR_MODULE_NOT_FOUND');
      for (let dir = baseDir; ; dir = path.dirname(dir)) {
        const found = tryDirectory(`${dir === '/' ? '' : dir}/node_modules/${name}`);
        if (found) return `file://${found}`;
        if (dir === '/') throw e;
      }
    }
    if (isFile(target)) return `file://${target}`;
    const e = new Error(`Cannot find module '${target}' imported from ${toPath(base)}${isFile(`${target}.js`) ? `\nDid you mean to import ${name}.js?` : ''}`);
    host.coded(e, 'ERR_MODULE_NOT_FOUND');
    throw e;
  };

  const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  function synthetic(accessor, value) {
    const names = value !== null && (typeof value === 'object' || typeof value === 'function') ? Object.keys(value).filter((k) => identifier.test(k) && k !== 'default') : [];
    let source = `const m = ${accessor};\nexport default m;\n`;
    if (names.length > 0) source += `export const { ${names.join(', ')} } = m;\n`;
    return source;
  }

  // The source QuickJS should compile for a resolved module name.
  host.esmLoad = (name, type) => {
    if (name.startsWith('node:')) {
      const builtin = name.slice(5);
      return synthetic(`globalThis.__codebox.builtins[${JSON.stringify(builtin)}]`, builtins[builtin]);
    }
    const file = toPath(name);
    // Node shares JSON modules with require's cache: both see the same object.
    if (type === 'json') {
      load(file, undefined);
      return `export default globalThis.__codebox.cjsCache(${JSON.stringify(file)});\n`;
    }
    if (file.endsWith('.json')) {
      const e = new TypeError(`Module "${name}" needs an import attribute of "type: json"`);
      host.coded(e, 'ERR_IMPORT_ATTRIBUTE_MISSING');
      throw e;
    }
    if (esmIsModule(file)) return host.readFile(file);
    const exports = load(file, undefined);
    return synthetic(`globalThis.__codebox.cjsCache(${JSON.stringify(file)})`, exports);
  };
  host.cjsCache = (file) => cache[file].exports;

  // ---- uncaught errors, printed as Node prints them ----

  const isError = (e) => e instanceof Error || Object.prototype.toString.call(e) === '[object Error]';
  const frameRegExp = /^\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

  // Where the error was thrown: the first frame in the program's own files.
  function throwSite(err) {
    const stack = typeof err.stack === 'string' ? err.stack : '';
    // Frames inside the constructors of the error's own classes are where it was made, not
    // where it was thrown.
    const constructors = new Set();
    for (let p = Object.getPrototypeOf(err); p && p !== Error.prototype; p = Object.getPrototypeOf(p)) {
      if (p.constructor && p.constructor.name) constructors.add(p.constructor.name);
    }
    for (const line of stack.split('\n')) {
      const m = frameRegExp.exec(line);
      if (!m || m[1].startsWith('node:')) continue;
      const fn = /^\s+at (?:new )?([^ (]+) \(/.exec(line);
      if (fn && constructors.has(fn[1])) continue;
      return { file: m[1], line: Number(m[2]), column: Number(m[3]) };
    }
    return null;
  }

  function sourceLine(file, line) {
    try {
      return host.readFile(toPath(file)).split(/\r?\n/)[line - 1];
    } catch (_) {
      return undefined;
    }
  }

  function header(err) {
    const site = throwSite(err);
    if (site === null) return '';
    let out = `${site.file}:${site.line}\n`;
    const text = sourceLine(site.file, site.line);
    if (text !== undefined) {
      const throwAt = text.search(/\bthrow\b/);
      const column = throwAt !== -1 ? throwAt : Math.max(0, Math.min(site.column - 1, text.length));
      out += `${text}\n${' '.repeat(column)}^\n`;
    }
    return `${out}\n`;
  }

  host.reportUncaught = (err) => {
    if (isError(err)) {
      host.write(2, `${header(err)}${inspect(err)}\n\nNode.js ${globalThis.process.version}\n`);
    } else {
      // QuickJS records no location for a thrown non-Error, so Node's `file:line`, source line
      // and caret are left out.
      host.write(2, `\n${inspect(err)}\n\nNode.js ${globalThis.process.version}\n`);
    }
  };

  host.reportUnhandledRejection = (reason) => {
    if (isError(reason)) return host.reportUncaught(reason);
    const message = 'This error originated either by throwing inside of an async function without a catch block, ' +
      `or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${inspect(reason)}".`;
    host.write(2, 'node:internal/process/promises:389\n      new UnhandledPromiseRejection(reason);\n      ^\n\n' +
      `UnhandledPromiseRejection: ${message}\n    at throwUnhandledRejectionsMode (node:internal/process/promises:389:7)\n` +
      '    at processPromiseRejections (node:internal/process/promises:470:17)\n' +
      '    at process.processTicksAndRejections (node:internal/process/task_queues:96:32) {\n' +
      `  code: 'ERR_UNHANDLED_REJECTION'\n}\n\nNode.js ${globalThis.process.version}\n`);
  };
})(globalThis.__codebox);
