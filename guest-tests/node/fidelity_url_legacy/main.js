// The legacy url API as Node 20 has it: url.parse's fields (protocol, slashes, auth, host, port,
// hostname, hash, search, query, pathname, path, href) on common and odd URLs, url.format and
// url.resolve.
const url = require('url');
const inputs = ['http://user:pass@host.com:8080/p/a/t/h?query=string#hash', 'https://example.com', 'https://Example.COM/A?b=1', '/just/a/path?x=1&y=2', 'mailto:someone@example.com', 'file:///etc/passwd', '//host/path', 'http://host/path#frag', 'HTTP://x.y/', 'http://[::1]:3000/a', 'javascript:alert(1)', 'a/b/c', '?q=1', '#h', 'http://host.com:80', 'http://a.com/b c', 'foo://bar'];
for (const u of inputs) {
  const p = url.parse(u);
  console.log(JSON.stringify(p));
  console.log(url.format(p));
}
console.log(JSON.stringify(url.parse('http://x.com/?a=1&a=2&b=3', true).query));
console.log(JSON.stringify(url.parse('//host/path', false, true)));
console.log(url.resolve('http://a.com/b/c', '../d'), url.resolve('/one/two/three', 'four'), url.resolve('http://example.com/', '/one'), url.resolve('http://example.com/one', '/two'));
console.log(url.format({ protocol: 'https', hostname: 'example.com', pathname: '/some/path', query: { page: 1, format: 'json' } }));
console.log(url.parse('http://a.com/x?y=1'));
