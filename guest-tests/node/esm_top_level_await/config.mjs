console.log('config: loading');
await new Promise((r) => setTimeout(r, 5));
export const config = { loadedAsync: true, retries: 3, endpoints: ['/a', '/b'] };
console.log('config: ready');
