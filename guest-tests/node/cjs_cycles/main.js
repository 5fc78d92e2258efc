console.log('main starting');
const a = require('./a.js');
const b = require('./b.js');
console.log('in main, a.done = %j, b.done = %j', a.done, b.done);
console.log(a.getB().name, b.getA().name);
const exportsVsModule = require('./reassign');
console.log(exportsVsModule);
const { value, bump } = require('./live');
bump();
console.log(value, require('./live').value);
try { require('./does-not-exist'); } catch (e) { console.log(e.code, e.message.split('\n')[0]); }
