console.log('[lazy evaluated on dynamic import]');
export const lazyValue = 99;
export default 'lazy default';
