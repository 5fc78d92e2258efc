class InsufficientFundsError extends Error {
  constructor(balance, amount) {
    super(`cannot withdraw ${amount}, balance is ${balance}`);
    this.name = 'InsufficientFundsError';
  }
}
let balance = 100;
function withdraw(amount) {
  if (amount > balance) throw new InsufficientFundsError(balance, amount);
  balance -= amount;
  console.log(`withdrew ${amount}, balance ${balance}`);
}
[30, 50, 40].forEach(withdraw);
