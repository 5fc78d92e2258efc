// Checks that non-ASCII text (accents, CJK, emoji) is written as UTF-8 on stdout and stderr.
console.log("héllo wörld");
console.log("日本語テキスト");
console.log("emoji: 🎉🐍");
console.log("🐍".length, [..."🐍"].length);
console.error("ошибка");
