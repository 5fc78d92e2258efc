// `import fixtures from '../common/fixtures.mjs'`: the same helpers as `fixtures.js`.
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const fixtures = require('./fixtures.js');

export const { fixturesDir, path, fileURL, readSync, readKey } = fixtures;

export default fixtures;
