const users = [{ name: 'Ann', address: { city: 'Oslo' } }, { name: 'Bob' }];
for (const u of users) {
  console.log(u.name.padEnd(5), '->');
  console.log('   city:', u.address.city.toUpperCase());
}
