class AppError extends Error {
  constructor(message, options) { super(message, options); this.name = this.constructor.name; }
}
class NotFoundError extends AppError {
  constructor(resource, id) { super(`${resource} with id ${id} not found`); this.resource = resource; this.id = id; this.status = 404; }
}
class ValidationError extends AppError {
  constructor(errors) { super(`Validation failed: ${errors.length} error(s)`); this.errors = errors; this.status = 422; }
}
const db = { users: { 1: { name: 'Ann', email: 'ann@x.io' } } };
function getUser(id) { const u = db.users[id]; if (!u) throw new NotFoundError('User', id); return u; }
function validate(u) { const errs = []; if (!u.name) errs.push('name is required'); if (!/^\S+@\S+$/.test(u.email ?? '')) errs.push('email is invalid'); if (errs.length) throw new ValidationError(errs); return true; }
for (const attempt of [() => getUser(1), () => getUser(2), () => validate({ email: 'nope' }), () => validate({ name: 'x', email: 'a@b' }), () => { throw 'a string'; }, () => null.x]) {
  try {
    console.log('ok:', attempt());
  } catch (err) {
    if (err instanceof NotFoundError) console.log(`[${err.status}] ${err.name}: ${err.message} (${err.resource}#${err.id})`);
    else if (err instanceof ValidationError) console.log(`[${err.status}] ${String(err)}`, err.errors);
    else if (err instanceof Error) console.log('generic', err.constructor.name, err instanceof TypeError);
    else console.log('non-error thrown:', typeof err, err);
  } finally {
    console.log('--- attempt done');
  }
}
function withFinally() { try { return 'from try'; } finally { console.log('finally runs before return'); } }
console.log(withFinally());
function overrides() { try { throw new Error('lost'); } finally { return 'finally wins'; } }
console.log(overrides());
const wrapped = new AppError('outer failure', { cause: new NotFoundError('Order', 7) });
console.log(wrapped.message, '<-', wrapped.cause.message, wrapped.cause.status);
console.log(Object.prototype.toString.call(wrapped), wrapped.name);
try { try { throw new Error('inner'); } catch (e) { throw new AppError('rethrown: ' + e.message); } } catch (e) { console.log(String(e)); }
const err = new RangeError('custom range'); err.name = 'MyRange';
console.log(String(err), err.toString === Error.prototype.toString);
console.log(Error('no new').message, TypeError('t') instanceof TypeError);
