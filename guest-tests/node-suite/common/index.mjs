// `import common from '../common/index.mjs'`: the same helpers as `index.js`, for ES modules.
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const common = require('./index.js');

export const {
  allowGlobals,
  canCreateSymLink,
  enoughTestMem,
  expectsError,
  expectWarning,
  getArrayBufferViews,
  getBufferSources,
  hasCrypto,
  hasIntl,
  hasIPv6,
  invalidArgTypeHelper,
  isAIX,
  isDumbTerminal,
  isFreeBSD,
  isIBMi,
  isLinux,
  isMainThread,
  isOSX,
  isOpenBSD,
  isSunOS,
  isWindows,
  mustCall,
  mustCallAtLeast,
  mustNotCall,
  mustSucceed,
  platformTimeout,
  printSkipMessage,
  skip,
  skipIf32Bits,
  skipIfDumbTerminal,
  skipIfInspectorDisabled,
} = common;

export default common;
