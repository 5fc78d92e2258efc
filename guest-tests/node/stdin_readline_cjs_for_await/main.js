const readline = require('node:readline');
async function main() {
  const rl = readline.createInterface({ input: process.stdin });
  const records = [];
  let header = null;
  for await (const line of rl) {
    const cells = line.split(',').map((c) => c.trim());
    if (!header) { header = cells; continue; }
    records.push(Object.fromEntries(header.map((h, i) => [h, isNaN(cells[i]) ? cells[i] : Number(cells[i])])));
  }
  console.log(header);
  console.log(records);
  const byDept = {};
  for (const r of records) (byDept[r.dept] ??= []).push(r);
  for (const [dept, rs] of Object.entries(byDept)) {
    const avg = rs.reduce((s, r) => s + r.salary, 0) / rs.length;
    console.log(dept.padEnd(12), String(rs.length).padStart(3), avg.toFixed(2).padStart(12));
  }
  console.log(JSON.stringify(byDept, null, 2));
}
main();
