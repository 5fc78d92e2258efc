// File URLs from paths and back, POSIX and Windows, and legacy url.parse's query fields, as
// Node 20 makes them.
const url = require('url');

for (const p of ['/tmp/a b/c#d?e%f', '/data/naïve/€/🚀', '/odd\\name\t[x]{y}^`|~', '/dir/']) {
  const href = url.pathToFileURL(p).href;
  console.log('posix', JSON.stringify(p), href, JSON.stringify(url.fileURLToPath(href)));
}
for (const p of ['C:\\Users\\me\\file.txt', 'C:\\dir\\', '\\\\nas\\My Docs\\File.doc', '\\\\?\\C:\\long\\path.txt', '\\\\?\\UNC\\server\\share\\x.txt']) {
  const href = url.pathToFileURL(p, { windows: true }).href;
  console.log('windows', JSON.stringify(p), href, JSON.stringify(url.fileURLToPath(href, { windows: true })));
}
for (const bad of ['https://a/b', 'file://host/a', 'file:///a%2Fb']) {
  try {
    url.fileURLToPath(bad);
  } catch (e) {
    console.log(bad, e.code, e.message);
  }
}
try {
  url.pathToFileURL('\\\\host', { windows: true });
} catch (e) {
  console.log(e.code, e.message);
}
for (const u of ['http://example.com', '/path?x=1&x=2', '/p?']) {
  const parsed = url.parse(u, true);
  console.log(u, JSON.stringify(parsed.search), parsed.query);
}
