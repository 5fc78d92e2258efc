// Node's TypeError for an argument of the wrong type (ERR_INVALID_ARG_TYPE): its code and its
// wording of what was received, for primitives, functions, objects and long values.
try { require('path').join(true); } catch (e) { console.log(e.name, e.code, e.message); }
try { setTimeout(5); } catch (e) { console.log(e.message); }
try { require(5); } catch (e) { console.log(e.message); }
try { require('path').basename('/a/b', 5); } catch (e) { console.log(e.message); }
try { require('path').format('x'); } catch (e) { console.log(e.message); }
try { require('path').join(() => 1); } catch (e) { console.log(e.message); }
try { require('path').join(function named() {}); } catch (e) { console.log(e.message); }
try { require('path').join(Object.create(null)); } catch (e) { console.log(e.message); }
try { require('path').join('a'.repeat(40)); console.log('ok'); } catch (e) { console.log(e.message); }
try { require('path').join(12345678901234567890123456789012345); } catch (e) { console.log(e.message); }
try { require('path').join(Symbol('s')); } catch (e) { console.log(e.message); }
try { require('path').join(10n); } catch (e) { console.log(e.message); }
