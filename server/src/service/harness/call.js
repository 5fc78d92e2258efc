// codebox's call harness (JavaScript): runs one `call` or `calls` test case against the
// candidate's entry file. It reads the case from stdin, removes itself so that the candidate's
// code cannot see it, evaluates the entry file in a function scope of its own (so top-level
// `function`, `var`, `let`, `const` and `class` declarations are all reachable, as is
// `module.exports`), calls what the case names, and writes what came back (or the exception)
// as JSON to the result file. The program's own console output goes to stdout as usual.
const fs = require('fs');

const test = JSON.parse(fs.readFileSync(0, 'utf8'));
fs.unlinkSync(test.harness);

function write(outcome) {
  fs.writeFileSync(test.result, JSON.stringify(outcome, (key, value) => {
    if (value instanceof Set) return [...value];
    if (value instanceof Map) return Object.fromEntries(value);
    if (typeof value === 'bigint') return Number(value);
    if (value === undefined) return null;
    return value;
  }));
}

/** The values the entry file gives `names`: top-level declarations, or exports. */
function loadedAll(names) {
  for (const name of names) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new TypeError(`${name} is not a name`);
  }
  const source = fs.readFileSync(test.entry, 'utf8');
  const module = { exports: {} };
  const lookups = names
    .map((name) => `typeof ${name} !== 'undefined' ? ${name} : module.exports[${JSON.stringify(name)}]`)
    .join(', ');
  const load = new Function('module', 'exports', 'require', `${source}\n;return [${lookups}];`);
  const values = load(module, module.exports, require);
  names.forEach((name, i) => {
    if (values[i] === undefined) throw new ReferenceError(`${test.entry} defines no ${name}`);
  });
  return values;
}

/** The value the entry file gives `name`. */
function loaded(name) {
  return loadedAll([name])[0];
}

try {
  if (test.measure) {
    // One point of a complexity measure: the generator's arguments for `size`, and the call
    // only when asked (the runtime's fuel difference is the call's own).
    const { generator, function: name, size, call } = test.measure;
    const [generate, fn] = loadedAll([generator, name]);
    const args = generate(size);
    if (call) fn(...args);
    write({ returned: null });
  } else if (test.call) {
    const [owner, method] = test.call.function.includes('.')
      ? test.call.function.split('.', 2)
      : [null, test.call.function];
    const target = owner ? new (loaded(owner))() : null;
    const fn = owner ? target[method] : loaded(method);
    if (typeof fn !== 'function') throw new TypeError(`${test.call.function} is not a function`);
    write({ returned: fn.apply(target, test.call.args) });
  } else {
    const [first, ...rest] = test.calls;
    const Class = loaded(first.method);
    const instance = new Class(...first.args);
    const returned = [null];
    for (const call of rest) {
      if (typeof instance[call.method] !== 'function') {
        throw new TypeError(`${first.method}.${call.method} is not a function`);
      }
      returned.push(instance[call.method](...call.args));
    }
    write({ returned });
  }
} catch (error) {
  console.error(error && error.stack ? error.stack : String(error));
  const type = error && error.constructor && error.constructor.name ? error.constructor.name : 'Error';
  write({ exception: { type, message: error && error.message !== undefined ? error.message : String(error) } });
}
