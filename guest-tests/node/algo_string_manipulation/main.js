const reverseWords = (s) => s.trim().split(/\s+/).reverse().join(' ');
console.log(JSON.stringify(reverseWords('  the sky   is blue ')));
const reverse = (s) => [...s].reverse().join('');
console.log(reverse('hello'), reverse('añb😀'));
const isPal = (s) => { const c = s.toLowerCase().replace(/[^a-z0-9]/g, ''); return c === reverse(c); };
console.log(['A man, a plan, a canal: Panama', 'race a car', '', 'Was it a car or a cat I saw?'].map(isPal));
const isAnagram = (a, b) => [...a].sort().join() === [...b].sort().join();
console.log(isAnagram('listen', 'silent'), isAnagram('rat', 'car'));
function charFreq(s) { const f = {}; for (const ch of s) f[ch] = (f[ch] || 0) + 1; return f; }
console.log(charFreq('mississippi'));
console.log(new Map(Object.entries(charFreq('hello world')).sort((a, b) => b[1] - a[1])));
function firstUnique(s) { const f = charFreq(s); return [...s].findIndex((c) => f[c] === 1); }
console.log(firstUnique('leetcode'), firstUnique('loveleetcode'), firstUnique('aabb'));
function longestNoRepeat(s) { let best = '', start = 0; const last = {}; for (let i = 0; i < s.length; i++) { if (last[s[i]] >= start) start = last[s[i]] + 1; last[s[i]] = i; if (i - start + 1 > best.length) best = s.slice(start, i + 1); } return best; }
console.log(['abcabcbb', 'bbbbb', 'pwwkew', 'dvdf'].map(longestNoRepeat));
const compress = (s) => s.replace(/(.)\1*/g, (m, c) => c + (m.length > 1 ? m.length : ''));
console.log(compress('aaabccddddde'));
const titleCase = (s) => s.split(' ').map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join(' ');
console.log(titleCase('hELLO wORLD from jS'));
const camel = (s) => s.replace(/[-_\s]+(.)?/g, (_, c) => (c ? c.toUpperCase() : ''));
const snake = (s) => s.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
console.log(camel('background-color_value here'), snake('someVariableName'));
console.log('abc'.at(-1), 'abc'.charCodeAt(1), 'abc'.codePointAt(2), String.fromCharCode(72, 105));
console.log('a,b,,c'.split(','), 'abc'.split(''), 'a1b2c3'.split(/\d/), 'x'.split(','));
console.log('Hello'.padStart(8, '*'), 'Hello'.padEnd(8, '-') + '|', 'ab'.repeat(3), ' x '.trimStart() + '|');
console.log('The Cat'.replaceAll('t', 'T'), 'aaa'.replace('a', 'b'), 'abcdef'.substring(4, 1), 'abcdef'.slice(-3, -1), 'abcdef'.substr(1, 3));
console.log('straße'.toUpperCase(), 'İ'.toLowerCase().length, 'a' < 'B', 'a'.localeCompare('b'));
console.log([...'hello'].map((c) => c.charCodeAt(0).toString(2).padStart(8, '0')).join(' '));
