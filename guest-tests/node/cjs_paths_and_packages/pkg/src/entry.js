const { version, name } = require('../package.json');
exports.describe = () => `${name}@${version} loaded from ${__filename.slice(__filename.indexOf('pkg/'))}`;
