// path.matchesGlob and util.parseEnv, as Node 20 answers them.
const path = require('path');
const util = require('util');

const globs = [
  ['src/app/main.js', 'src/**/*.js'],
  ['src/main.js', 'src/**/*.js'],
  ['src/.hidden/main.js', 'src/**/*.js'],
  ['src/app', 'src/**'],
  ['src/app/', 'src/*'],
  ['test/unit/a.spec.ts', '**/*.{spec,test}.{js,ts}'],
  ['file3.txt', 'file{1..3}.txt'],
  ['data/b.csv', 'data/[!a]*.csv'],
  ['data/a.csv', 'data/[!a]*.csv'],
  ['x/y', 'x/?'],
  ['.env', '*'],
  ['.env', '.*'],
];
for (const [p, glob] of globs) {
  console.log(p, glob, path.matchesGlob(p, glob), path.win32.matchesGlob(p.replace(/\//g, '\\'), glob));
}
try {
  path.matchesGlob(1, '*');
} catch (e) {
  console.log(e.code, e.message);
}

console.log(util.parseEnv([
  '# settings',
  'PORT=8080',
  'export NAME = "codebox"  # the name',
  "QUOTED='a # not a comment'",
  'MULTI="line one',
  'line two"',
  'ESCAPED="tab\\nnewline"',
  'RAW=unquoted value # comment',
  'EMPTY=',
  'PORT=9090',
].join('\n')));
