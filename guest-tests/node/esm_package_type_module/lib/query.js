export function parse(qs) {
  const out = {};
  for (const part of qs.split('&')) {
    const [k, v = ''] = part.split('=');
    const val = decodeURIComponent(v);
    if (k in out) out[k] = [].concat(out[k], val); else out[k] = val;
  }
  return out;
}
export const format = (obj) => Object.entries(obj).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
