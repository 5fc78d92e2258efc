function merge(intervals) {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const [s, e] of sorted) {
    if (out.length && s <= out.at(-1)[1]) out.at(-1)[1] = Math.max(out.at(-1)[1], e);
    else out.push([s, e]);
  }
  return out;
}
console.log(merge([[1, 3], [2, 6], [8, 10], [15, 18]]));
console.log(merge([[1, 4], [4, 5]]), merge([[5, 7], [1, 2], [2, 3], [6, 8]]));
function insert(intervals, nw) { return merge([...intervals, nw]); }
console.log(insert([[1, 2], [3, 5], [6, 7], [8, 10], [12, 16]], [4, 8]));
function minRooms(meetings) {
  const events = meetings.flatMap(([s, e]) => [[s, 1], [e, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let cur = 0, best = 0;
  for (const [, d] of events) { cur += d; best = Math.max(best, cur); }
  return best;
}
console.log(minRooms([[0, 30], [5, 10], [15, 20]]), minRooms([[7, 10], [2, 4]]), minRooms([[1, 5], [2, 6], [3, 7], [5, 8]]));
function eraseOverlap(iv) { const s = [...iv].sort((a, b) => a[1] - b[1]); let end = -Infinity, removed = 0; for (const [a, b] of s) { if (a >= end) end = b; else removed++; } return removed; }
console.log(eraseOverlap([[1, 2], [2, 3], [3, 4], [1, 3]]), eraseOverlap([[1, 2], [1, 2], [1, 2]]));
const schedule = [
  { who: 'Ann', from: '09:00', to: '10:30' }, { who: 'Bob', from: '10:00', to: '11:00' },
  { who: 'Cy', from: '13:15', to: '14:00' }, { who: 'Di', from: '10:45', to: '12:00' },
];
const toMin = (t) => { const [h, m] = t.split(':').map(Number); return h * 60 + m; };
const fmt = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const busy = merge(schedule.map(({ from, to }) => [toMin(from), toMin(to)]));
console.log(busy.map(([a, b]) => `${fmt(a)}-${fmt(b)}`));
const free = []; let cursor = toMin('08:00');
for (const [a, b] of busy) { if (a > cursor) free.push([fmt(cursor), fmt(a)]); cursor = Math.max(cursor, b); }
if (cursor < toMin('17:00')) free.push([fmt(cursor), '17:00']);
console.log('free slots:', free);
console.log(schedule.map(({ who, from, to }) => ({ who, minutes: toMin(to) - toMin(from) })));
