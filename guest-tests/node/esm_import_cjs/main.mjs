import cjs from './legacy.cjs';
import { named } from './legacy.cjs';
import { createRequire } from 'node:module';
import json from './data.json' with { type: 'json' };
const require = createRequire(import.meta.url);
const again = require('./legacy.cjs');
console.log(cjs, named, again === cjs);
console.log(json);
console.log(require('./data.json') !== json, require('./data.json').list);
