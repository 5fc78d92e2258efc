export const capitalize = (s) => s[0].toUpperCase() + s.slice(1);
export const VERSION = 1;
export default { name: 'helpers-default' };
