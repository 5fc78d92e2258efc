// URL's shape (setters, brand checks, toStringTag, urlToHttpOptions), names that promisify
// keeps, util.format under inspect's default options, Buffer positions and INSPECT_MAX_BYTES,
// and assert's doesNotReject and CallTracker.
const url = require('url');
const util = require('util');
const assert = require('assert');
const buffer = require('buffer');
const fs = require('fs');
const stream = require('stream');

const u = new URL('http://user:pass@example.com:8080/a/b?x=1#h');
u.port = '80';
u.username = 'a b';
u.hostname = 'EXAMPLE.org';
console.log(u.href, Object.prototype.toString.call(u), Object.keys(URL.prototype).slice(0, 4));
console.log(url.urlToHttpOptions(new URL('https://[::1]:8443/p?q=1')));
try { URL.canParse(); } catch (e) { console.log(e.code, e.message); }
try { Reflect.apply(URL.prototype.toString, {}, []); } catch (e) { console.log(e.message); }
console.log(util.promisify(setTimeout).name, util.promisify(stream.finished).name, fs.readFile.name, typeof URL.prototype.toString.prototype);

const { numericSeparator } = util.inspect.defaultOptions;
util.inspect.defaultOptions.numericSeparator = true;
console.log(util.format('%d %i %s', 1234567.891, 98765432, 123456789));
util.inspect.defaultOptions.numericSeparator = numericSeparator;

const a = Buffer.from('abcdef');
const b = Buffer.alloc(4);
console.log(a.copy(b, 1, 2), b, a.copy(b, '0', '1.7', 10), b, a.compare(Buffer.from('cd'), 0, 2, 2, 4));
try { a.compare(b, '1'); } catch (e) { console.log(e.code, e.message); }
buffer.INSPECT_MAX_BYTES = 2;
console.log(a);
buffer.INSPECT_MAX_BYTES = 50;
try { buffer.INSPECT_MAX_BYTES = -1; } catch (e) { console.log(e.code); }
try { Buffer.alloc(4).writeIntLE(-129, 0, 1); } catch (e) { console.log(e.message); }

assert.doesNotReject(Promise.reject(new Error('nope'))).catch((e) => console.log(e.message, e.operator));
assert.rejects(() => 1).catch((e) => console.log(e.code, e.message));
const tracker = new assert.CallTracker();
try { tracker.calls(() => {}, 0); } catch (e) { console.log(e.code); }
