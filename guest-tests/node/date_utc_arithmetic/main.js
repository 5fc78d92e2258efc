const d = new Date(Date.UTC(2024, 1, 28, 23, 59, 59));
console.log(d.toISOString(), d.getTime(), d.valueOf() === +d);
const addDays = (date, n) => new Date(date.getTime() + n * 86400000);
console.log(addDays(d, 1).toISOString(), addDays(d, 2).toISOString(), addDays(d, -59).toISOString());
const diffDays = (a, b) => Math.round((b - a) / 86400000);
console.log(diffDays(new Date('2024-01-01T00:00:00Z'), new Date('2024-12-25T00:00:00Z')));
const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
console.log([1900, 2000, 2023, 2024, 2100].map((y) => `${y}:${isLeap(y)}`));
const daysInMonth = (y, m) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
console.log(Array.from({ length: 12 }, (_, m) => daysInMonth(2024, m)));
const names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
console.log(['1970-01-01', '2000-01-01', '2024-07-04', '1999-12-31'].map((s) => names[new Date(s + 'T00:00:00Z').getUTCDay()]));
console.log(new Date(Date.UTC(2024, 12, 1)).toISOString(), new Date(Date.UTC(2024, 0, 0)).toISOString(), Date.UTC(1970, 0, 1));
console.log(Date.parse('2024-03-10T12:00:00.000Z'), Date.parse('not a date'), new Date('2024-03-10T12:00:00+02:00').toISOString());
console.log(JSON.stringify({ at: new Date(1e12) }), new Date(1e12).toJSON(), new Date(-1).toISOString());
const fmt = (dt) => `${dt.getUTCFullYear()}-${String(dt.getUTCMonth() + 1).padStart(2, '0')}-${String(dt.getUTCDate()).padStart(2, '0')} ${String(dt.getUTCHours()).padStart(2, '0')}:${String(dt.getUTCMinutes()).padStart(2, '0')}`;
console.log(fmt(new Date(1700000000000)), fmt(new Date(0)));
function calendar(y, m) {
  const first = new Date(Date.UTC(y, m, 1)).getUTCDay(); const days = daysInMonth(y, m);
  const cells = [...Array(first).fill('  '), ...Array.from({ length: days }, (_, i) => String(i + 1).padStart(2))];
  const lines = ['Su Mo Tu We Th Fr Sa'];
  for (let i = 0; i < cells.length; i += 7) lines.push(cells.slice(i, i + 7).join(' '));
  return lines.join('\n');
}
console.log(calendar(2024, 1));
console.log([new Date(0), new Date(86400000)], { range: { from: new Date(0), to: new Date(1e12) } });
const sorted = ['2024-05-01', '2023-12-31', '2024-01-15'].map((s) => new Date(s)).sort((a, b) => a - b);
console.log(sorted.map((x) => x.toISOString().slice(0, 10)), sorted[0] < sorted[1], new Date(0).getTime() === new Date('1970-01-01T00:00:00.000Z').getTime());
console.log(Object.prototype.toString.call(new Date(0)), typeof Date.now(), new Date(2e15).getTime(), isNaN(new Date('x')));
