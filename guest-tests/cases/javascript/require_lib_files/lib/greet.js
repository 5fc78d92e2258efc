const { upper } = require("./util/strings");
module.exports = { greet: (name) => `Hello, ${upper(name)}!` };
