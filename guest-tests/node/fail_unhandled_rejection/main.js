async function fetchUser(id) {
  await null;
  if (id > 2) throw new Error(`user ${id} not found`);
  return { id, name: 'user' + id };
}
(async () => {
  for (const id of [1, 2]) console.log(await fetchUser(id));
  const u = await fetchUser(3);
  console.log('unreachable', u);
})();
console.log('main module done');
