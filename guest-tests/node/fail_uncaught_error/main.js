function parseConfig(text) {
  const cfg = JSON.parse(text);
  if (!cfg.port) throw new Error('port is required');
  return cfg;
}
const inputs = ['{"port": 80}', '{"port": 443, "host": "x"}', '{"host": "y"}'];
for (const text of inputs) {
  const cfg = parseConfig(text);
  console.log('parsed', cfg);
}
console.log('never reached');
