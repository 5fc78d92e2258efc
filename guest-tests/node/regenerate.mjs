#!/usr/bin/env node
// Regenerates node/<case>/expected.json by running every case with the real Node (20.x):
//
//   node guest-tests/node/regenerate.mjs [case ...]
//
// Each case runs in a fresh copy of its folder, with stdin.txt (if any, else /dev/null) as
// stdin. The copy's path is written as /workspace in what is recorded, because that is where
// codebox mounts the files. Recorded: stdout, the exit code, and, when the program died of an
// uncaught error, the first line of stderr.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const cases = readdirSync(root)
  .filter((name) => statSync(join(root, name)).isDirectory())
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

for (const name of cases) {
  const source = join(root, name);
  const entry = ['main.js', 'main.mjs', 'main.cjs'].find((e) => existsSync(join(source, e)));
  if (!entry) throw new Error(`${name}: no main.js, main.mjs or main.cjs`);
  const scratch = mkdtempSync(join(tmpdir(), 'codebox-node-'));
  const work = join(scratch, 'workspace');
  cpSync(source, work, { recursive: true, filter: (p) => !p.endsWith('expected.json') && !p.endsWith('stdin.txt') });
  const stdinPath = join(source, 'stdin.txt');
  // stdin is the file itself (as with `node main.js < stdin.txt`), not a socket, so that
  // programs can also read it as fs.readFileSync('/dev/stdin').
  const stdin = openSync(existsSync(stdinPath) ? stdinPath : '/dev/null', 'r');
  const run = spawnSync(process.execPath, [join(work, entry)], { cwd: work, stdio: [stdin, 'pipe', 'pipe'], env: {}, timeout: 20000 });
  closeSync(stdin);
  rmSync(scratch, { recursive: true, force: true });
  const clean = (text) => text.split(work).join('/workspace');
  const stdout = clean(run.stdout.toString());
  const stderr = clean(run.stderr.toString());
  const expected = { stdout, exitCode: run.status };
  if (run.status !== 0 && stderr.length > 0) expected.stderrFirstLine = stderr.split('\n')[0];
  writeFileSync(join(source, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
  console.log(`${name}: exit ${run.status}`);
}
