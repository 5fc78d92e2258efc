// Checks util.inspect-like formatting of console.log for common values.
console.log([1, 2, 3]);
console.log({ a: 1, b: "x" });
console.log({ nested: { list: [1, { deep: true }] } });
console.log("str", 42, true, null, undefined);
console.log([]);
console.log({});
console.log("%s is %d years", "Bob", 42);
console.warn("warn goes to stderr");
console.info("info goes to stdout");
