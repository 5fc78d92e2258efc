globalThis.__thingLoads = (globalThis.__thingLoads || 0) + 1;
module.exports = { where: __filename.split('/').slice(-2).join('/'), loads: globalThis.__thingLoads };
