console.log('[strings module evaluated]');
module.exports = {
  shout: (s) => s.toUpperCase() + '!',
  whisper: (s) => s.toLowerCase() + '...',
  loadedBy: module.parent ? module.parent.filename : 'unknown',
};
