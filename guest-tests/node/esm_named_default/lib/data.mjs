import { VERSION } from './utils.mjs';
console.log('[data evaluated, sees VERSION', VERSION + ']');
export default { items: [1, 2, 3], nested: { deep: { deeper: { deepest: true } } }, version: VERSION };
