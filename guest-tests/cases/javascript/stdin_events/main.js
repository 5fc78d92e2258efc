// Checks process.stdin 'data' and 'end' events deliver the whole input, including UTF-8.
let input = "";
process.stdin.on("data", (chunk) => {
  input += chunk;
});
process.stdin.on("end", () => {
  const words = input.split(/\s+/).filter(Boolean);
  console.log(words.length, "words");
  console.log(words.reverse().join(" "));
});
