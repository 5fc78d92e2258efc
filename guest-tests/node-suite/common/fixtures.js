// `require('../common/fixtures')`: paths to, and the contents of, Node's test fixtures. The
// runner copies in only the fixtures the suite's files read (see `FIXTURES` in the runner).
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const fixturesDir = path.join(__dirname, '..', 'fixtures');

function fixturesPath(...parts) {
  return path.join(fixturesDir, ...parts);
}

module.exports = {
  fixturesDir,
  path: fixturesPath,
  fileURL: (...parts) => pathToFileURL(fixturesPath(...parts)),
  readSync: (file, encoding) =>
    fs.readFileSync(fixturesPath(...[].concat(file)), encoding),
  readKey: () => { throw new Error('keys are not among the fixtures the suite copies'); },
};
