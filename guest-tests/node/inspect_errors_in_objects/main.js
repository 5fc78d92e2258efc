// Errors printed as values show their stack in Node; only messages are compared here.
const errors = [new Error('plain'), new TypeError('bad type'), new RangeError('out of range')];
for (const e of errors) console.log(e.name, '-', e.message, '-', String(e), '-', e instanceof Error);
class ValidationError extends Error {
  constructor(field, msg) {
    super(msg);
    this.name = 'ValidationError';
    this.field = field;
  }
}
const v = new ValidationError('email', 'is invalid');
console.log(String(v), v.field, v instanceof ValidationError, v instanceof Error);
console.log(Object.prototype.toString.call(v));
console.log(JSON.stringify({ err: v }), JSON.stringify(new Error('x')));
console.log(Object.keys(v));
const withCause = new Error('outer', { cause: 'inner reason' });
console.log(withCause.cause, 'cause' in withCause);
const agg = new AggregateError([new Error('a'), new Error('b')], 'many');
console.log(agg.message, agg.errors.length, agg.errors.map((e) => e.message));
try { null.prop; } catch (e) { console.log(e.constructor.name); }
try { undefinedVariable; } catch (e) { console.log(e.name + ': ' + e.message); }
try { (void 0)(); } catch (e) { console.log(e.name); }
try { new Array(-1); } catch (e) { console.log(e.name + ': ' + e.message); }
try { JSON.parse('{bad'); } catch (e) { console.log(e.name); }
try { 1n + 1; } catch (e) { console.log(e.name + ': ' + e.message); }
console.log(`${new Error('in template')}`);
console.log(new Error('msg').message.length);
