// `require('../common/tmpdir')`: a scratch folder beside the tests, emptied by `refresh()`.
'use strict';

const fs = require('fs');
const path = require('path');

const tmpPath = path.join(__dirname, '..', '.tmp.0');

module.exports = {
  path: tmpPath,
  refresh() {
    fs.rmSync(tmpPath, { recursive: true, force: true });
    fs.mkdirSync(tmpPath, { recursive: true });
  },
  resolve: (...parts) => path.resolve(tmpPath, ...parts),
  hasEnoughSpace: () => true,
  fileURL: (...parts) => require('url').pathToFileURL(path.join(tmpPath, ...parts)),
};
