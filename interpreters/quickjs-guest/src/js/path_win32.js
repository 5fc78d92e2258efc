// `path.win32`: Windows paths as Node reads them: both slashes as separators, drive letters
// (`C:`), UNC roots (`\\server\share\`), device paths (`\\.\`, `\\?\`), and a drive's own
// current directory, which a sandbox does not have (resolve() starts from process.cwd()).
(function (host) {
  'use strict';

  const validateString = (value, name) => {
    if (typeof value !== 'string') throw host.invalidArgType(name, 'string', value);
  };
  const isSep = (code) => code === 47 || code === 92; // '/' or '\'
  const isDriveLetter = (code) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

  // The root of `path`: its length, the device (`C:` or `\\server\share`), and whether the
  // path is absolute. `\\.\` and `\\?\` are device roots for `devices` (resolve and
  // normalize), and UNC roots like any other for dirname() and parse(), as in Node.
  function rootOf(path, devices = true) {
    const len = path.length;
    if (len === 0) return { rootEnd: 0, device: '', absolute: false };
    const code = path.charCodeAt(0);
    if (len === 1) {
      return isSep(code) ? { rootEnd: 1, device: '', absolute: true } : { rootEnd: 0, device: '', absolute: false };
    }
    if (isSep(code)) {
      if (isSep(path.charCodeAt(1))) {
        // A UNC path: \\server\share, with any number of separators between the parts.
        let j = 2;
        let last = j;
        while (j < len && !isSep(path.charCodeAt(j))) j++;
        if (j < len && j !== last) {
          const first = path.slice(last, j);
          last = j;
          while (j < len && isSep(path.charCodeAt(j))) j++;
          if (j < len && j !== last) {
            last = j;
            while (j < len && !isSep(path.charCodeAt(j))) j++;
            if (j === len || j !== last) {
              if (devices && (first === '.' || first === '?')) {
                // A device path: \\.\ or \\?\, whose root ends after the prefix.
                return { rootEnd: 4, device: `\\\\${first}`, absolute: true };
              }
              if (j === len) return { rootEnd: j, device: `\\\\${first}\\${path.slice(last)}`, absolute: true };
              // The separator after the share belongs to the root for dirname() and parse().
              return { rootEnd: j, device: `\\\\${first}\\${path.slice(last, j)}`, absolute: true, shareSep: true };
            }
          }
        }
      }
      return { rootEnd: 1, device: '', absolute: true };
    }
    if (isDriveLetter(code) && path.charCodeAt(1) === 58) {
      const device = path.slice(0, 2);
      if (len > 2 && isSep(path.charCodeAt(2))) return { rootEnd: 3, device, absolute: true };
      return { rootEnd: 2, device, absolute: false };
    }
    return { rootEnd: 0, device: '', absolute: false };
  }

  // `path` without its `.` segments and with its `..` segments applied (kept when they climb
  // above the start and `allowAboveRoot`), joined with backslashes.
  function normalizeString(path, allowAboveRoot) {
    const out = [];
    for (const segment of path.split(/[\\/]/)) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..') {
        if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
        else if (allowAboveRoot) out.push('..');
      } else {
        out.push(segment);
      }
    }
    return out.join('\\');
  }

  function relativeBySegments(from, to) {
    const fromParts = from.split('\\');
    const toParts = to.split('\\');
    if (fromParts[fromParts.length - 1] === '') fromParts.pop();
    if (toParts[toParts.length - 1] === '') toParts.pop();
    const common = Math.min(fromParts.length, toParts.length);
    let i = 0;
    while (i < common && fromParts[i].toLowerCase() === toParts[i].toLowerCase()) i++;
    if (i === 0) return to;
    const up = Array(fromParts.length - i).fill('..');
    return [...up, ...toParts.slice(i)].join('\\');
  }

  // The last segment of `path` (no further left than `stop`), trailing separators left out:
  // where it starts and ends, its last dot, and whether that dot starts an extension (not a
  // leading dot, not `..`). extname() and parse() read the path from its end this way.
  function lastPart(path, stop) {
    let startDot = -1;
    let startPart = stop;
    let end = -1;
    let matchedSlash = true;
    // 0: no character before the dot yet; 1: a dot came before it; -1: another character did.
    let preDotState = 0;
    for (let i = path.length - 1; i >= stop; --i) {
      const code = path.charCodeAt(i);
      if (isSep(code)) {
        if (!matchedSlash) {
          startPart = i + 1;
          break;
        }
        continue;
      }
      if (end === -1) {
        matchedSlash = false;
        end = i + 1;
      }
      if (code === 46) {
        if (startDot === -1) startDot = i;
        else if (preDotState !== 1) preDotState = 1;
      } else if (startDot !== -1) {
        preDotState = -1;
      }
    }
    const ext = startDot !== -1 && end !== -1 && preDotState !== 0 &&
      !(preDotState === 1 && startDot === end - 1 && startDot === startPart + 1);
    return { startPart, startDot, end, ext };
  }

  const win32 = {
    sep: '\\',
    delimiter: ';',

    resolve(...args) {
      let resolvedDevice = '';
      let resolvedTail = '';
      let resolvedAbsolute = false;
      for (let i = args.length - 1; i >= -1; i--) {
        let path;
        if (i >= 0) {
          path = args[i];
          validateString(path, `paths[${i}]`);
          if (path.length === 0) continue;
        } else if (resolvedDevice.length === 0) {
          path = process.cwd();
        } else {
          // A drive-relative path (`C:foo`) resolves against the current directory when it is
          // on that drive (or has no drive, as here), else against the drive's root: a
          // sandbox keeps no current directory per drive.
          path = process.cwd();
          if (path.slice(0, 2).toLowerCase() !== resolvedDevice.toLowerCase() && path.charCodeAt(2) === 92) {
            path = `${resolvedDevice}\\`;
          }
        }
        const { rootEnd, device, absolute } = rootOf(path);
        if (device.length > 0 && resolvedDevice.length > 0 &&
            device.toLowerCase() !== resolvedDevice.toLowerCase()) {
          continue;
        }
        if (resolvedDevice.length === 0 && device.length > 0) resolvedDevice = device;
        if (!resolvedAbsolute) {
          resolvedTail = `${path.slice(rootEnd)}\\${resolvedTail}`;
          resolvedAbsolute = absolute;
        }
        if (resolvedAbsolute && resolvedDevice.length > 0) break;
      }
      resolvedTail = normalizeString(resolvedTail, !resolvedAbsolute);
      return resolvedAbsolute
        ? `${resolvedDevice}\\${resolvedTail}`
        : `${resolvedDevice}${resolvedTail}` || '.';
    },

    normalize(path) {
      validateString(path, 'path');
      const len = path.length;
      if (len === 0) return '.';
      if (len === 1) return isSep(path.charCodeAt(0)) ? '\\' : path;
      const { rootEnd, device, absolute } = rootOf(path);
      let tail = rootEnd < len ? normalizeString(path.slice(rootEnd), !absolute) : '';
      if (tail.length === 0 && !absolute) tail = '.';
      if (tail.length > 0 && isSep(path.charCodeAt(len - 1))) tail += '\\';
      // Node 20.20: a relative path is kept from reading as one on a drive once normalized:
      // it gains `.\` when it starts like `C:`, or when a segment of it ended with a colon.
      if (device.length === 0 && !absolute && path.includes(':')) {
        const driveLike = tail.length >= 2 && isDriveLetter(tail.charCodeAt(0)) && tail.charCodeAt(1) === 58;
        if (driveLike || /:(?:[\\/]|$)/.test(path)) tail = `.\\${tail}`;
      }
      if (device.length === 0) return absolute ? `\\${tail}` : tail;
      return absolute ? `${device}\\${tail}` : `${device}${tail}`;
    },

    isAbsolute(path) {
      validateString(path, 'path');
      const len = path.length;
      if (len === 0) return false;
      const code = path.charCodeAt(0);
      return isSep(code) ||
        (len > 2 && isDriveLetter(code) && path.charCodeAt(1) === 58 && isSep(path.charCodeAt(2)));
    },

    join(...args) {
      if (args.length === 0) return '.';
      let joined;
      let firstPart;
      for (let i = 0; i < args.length; ++i) {
        const arg = args[i];
        validateString(arg, 'path');
        if (arg.length > 0) {
          if (joined === undefined) joined = firstPart = arg;
          else joined += `\\${arg}`;
        }
      }
      if (joined === undefined) return '.';
      // A first part that starts with two separators might be a UNC root; one that does not
      // must not become one when its slashes are squeezed.
      let needsReplace = true;
      let slashCount = 0;
      if (isSep(firstPart.charCodeAt(0))) {
        ++slashCount;
        const firstLen = firstPart.length;
        if (firstLen > 1 && isSep(firstPart.charCodeAt(1))) {
          ++slashCount;
          if (firstLen > 2) {
            if (isSep(firstPart.charCodeAt(2))) ++slashCount;
            else needsReplace = false;
          }
        }
      }
      if (needsReplace) {
        while (slashCount < joined.length && isSep(joined.charCodeAt(slashCount))) slashCount++;
        if (slashCount >= 2) joined = `\\${joined.slice(slashCount)}`;
      }
      return win32.normalize(joined);
    },

    relative(from, to) {
      validateString(from, 'from');
      validateString(to, 'to');
      if (from === to) return '';
      const fromOrig = win32.resolve(from);
      const toOrig = win32.resolve(to);
      if (fromOrig === toOrig) return '';
      from = fromOrig.toLowerCase();
      to = toOrig.toLowerCase();
      if (from === to) return '';
      // Lowercasing can change a string's length (`İ` becomes two units): then the paths are
      // compared segment by segment instead of unit by unit.
      if (fromOrig.length !== from.length || toOrig.length !== to.length) {
        return relativeBySegments(fromOrig, toOrig);
      }
      let fromStart = 0;
      while (fromStart < from.length && from.charCodeAt(fromStart) === 92) fromStart++;
      let fromEnd = from.length;
      while (fromEnd - 1 > fromStart && from.charCodeAt(fromEnd - 1) === 92) fromEnd--;
      const fromLen = fromEnd - fromStart;
      let toStart = 0;
      while (toStart < to.length && to.charCodeAt(toStart) === 92) toStart++;
      let toEnd = to.length;
      while (toEnd - 1 > toStart && to.charCodeAt(toEnd - 1) === 92) toEnd--;
      const toLen = toEnd - toStart;
      const length = fromLen < toLen ? fromLen : toLen;
      let lastCommonSep = -1;
      let i = 0;
      for (; i < length; i++) {
        const fromCode = from.charCodeAt(fromStart + i);
        if (fromCode !== to.charCodeAt(toStart + i)) break;
        else if (fromCode === 92) lastCommonSep = i;
      }
      if (i !== length) {
        if (lastCommonSep === -1) return toOrig;
      } else {
        if (toLen > length) {
          if (to.charCodeAt(toStart + i) === 92) return toOrig.slice(toStart + i + 1);
          if (i === 2) return toOrig.slice(toStart + i);
        }
        if (fromLen > length) {
          if (from.charCodeAt(fromStart + i) === 92) lastCommonSep = i;
          else if (i === 2) lastCommonSep = 3;
        }
        if (lastCommonSep === -1) lastCommonSep = 0;
      }
      let out = '';
      for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
        if (i === fromEnd || from.charCodeAt(i) === 92) out += out.length === 0 ? '..' : '\\..';
      }
      toStart += lastCommonSep;
      if (out.length > 0) return `${out}${toOrig.slice(toStart, toEnd)}`;
      if (toOrig.charCodeAt(toStart) === 92) ++toStart;
      return toOrig.slice(toStart, toEnd);
    },

    toNamespacedPath(path) {
      if (typeof path !== 'string' || path.length === 0) return path;
      const resolved = win32.resolve(path);
      if (resolved.length <= 2) return path;
      if (resolved.charCodeAt(0) === 92) {
        if (resolved.charCodeAt(1) === 92) {
          const code = resolved.charCodeAt(2);
          if (code !== 63 && code !== 46) return `\\\\?\\UNC\\${resolved.slice(2)}`;
        }
      } else if (isDriveLetter(resolved.charCodeAt(0)) && resolved.charCodeAt(1) === 58 &&
                 resolved.charCodeAt(2) === 92) {
        return `\\\\?\\${resolved}`;
      }
      return path;
    },

    dirname(path) {
      validateString(path, 'path');
      const len = path.length;
      if (len === 0) return '.';
      const root = rootOf(path, false);
      const rootEnd = root.rootEnd + (root.shareSep ? 1 : 0);
      if (len === 1) return isSep(path.charCodeAt(0)) ? path : '.';
      // A path that is all root (`C:\`, `\\server\share\`) is its own dirname.
      if (rootEnd === len) return path;
      let end = -1;
      let matchedSlash = true;
      for (let i = len - 1; i >= rootEnd; --i) {
        if (isSep(path.charCodeAt(i))) {
          if (!matchedSlash) {
            end = i;
            break;
          }
        } else {
          matchedSlash = false;
        }
      }
      if (end === -1) {
        if (rootEnd === 0) return '.';
        end = rootEnd;
      }
      return path.slice(0, end);
    },

    basename(path, suffix) {
      if (suffix !== undefined) validateString(suffix, 'suffix');
      validateString(path, 'path');
      let start = 0;
      if (path.length >= 2 && isDriveLetter(path.charCodeAt(0)) && path.charCodeAt(1) === 58) start = 2;
      let end = -1;
      let matchedSlash = true;
      if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
        if (suffix === path) return '';
        let extIdx = suffix.length - 1;
        let firstNonSlashEnd = -1;
        for (let i = path.length - 1; i >= start; --i) {
          const code = path.charCodeAt(i);
          if (isSep(code)) {
            if (!matchedSlash) {
              start = i + 1;
              break;
            }
          } else {
            if (firstNonSlashEnd === -1) {
              matchedSlash = false;
              firstNonSlashEnd = i + 1;
            }
            if (extIdx >= 0) {
              if (code === suffix.charCodeAt(extIdx)) {
                if (--extIdx === -1) end = i;
              } else {
                extIdx = -1;
                end = firstNonSlashEnd;
              }
            }
          }
        }
        if (start === end) end = firstNonSlashEnd;
        else if (end === -1) end = path.length;
        return path.slice(start, end);
      }
      for (let i = path.length - 1; i >= start; --i) {
        if (isSep(path.charCodeAt(i))) {
          if (!matchedSlash) {
            start = i + 1;
            break;
          }
        } else if (end === -1) {
          matchedSlash = false;
          end = i + 1;
        }
      }
      if (end === -1) return '';
      return path.slice(start, end);
    },

    extname(path) {
      validateString(path, 'path');
      const start = path.length >= 2 && path.charCodeAt(1) === 58 && isDriveLetter(path.charCodeAt(0)) ? 2 : 0;
      const last = lastPart(path, start);
      return last.ext ? path.slice(last.startDot, last.end) : '';
    },

    format(pathObject) {
      if (pathObject === null || typeof pathObject !== 'object') {
        throw host.invalidArgType('pathObject', 'object', pathObject);
      }
      const dir = pathObject.dir || pathObject.root;
      const ext = pathObject.ext ? `${pathObject.ext[0] === '.' ? '' : '.'}${pathObject.ext}` : '';
      const base = pathObject.base || `${pathObject.name || ''}${ext}`;
      if (!dir) return base;
      return dir === pathObject.root ? `${dir}${base}` : `${dir}\\${base}`;
    },

    parse(path) {
      validateString(path, 'path');
      const ret = { root: '', dir: '', base: '', ext: '', name: '' };
      if (path.length === 0) return ret;
      const len = path.length;
      const root = rootOf(path, false);
      const rootEnd = root.rootEnd + (root.shareSep ? 1 : 0);
      if (len === 1 && isSep(path.charCodeAt(0))) {
        ret.root = ret.dir = path;
        return ret;
      }
      if (rootEnd > 0) ret.root = path.slice(0, rootEnd);
      if (rootEnd === len) {
        ret.dir = ret.root;
        return ret;
      }
      const { startPart, startDot, end, ext } = lastPart(path, rootEnd);
      if (end !== -1) {
        ret.base = path.slice(startPart, end);
        if (ext) {
          ret.name = path.slice(startPart, startDot);
          ret.ext = path.slice(startDot, end);
        } else {
          ret.name = ret.base;
        }
      }
      ret.dir = startPart > 0 && startPart !== rootEnd ? path.slice(0, startPart - 1) : ret.root;
      return ret;
    },
  };
  win32.matchesGlob = (p, pattern) => host.internal('glob').matchesGlob(p, pattern, true);
  win32.win32 = win32;

  return win32;
})(globalThis.__codebox);
