const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: false });
const state = { balance: 0, history: [] };
const commands = {
  deposit: (n) => { state.balance += n; return `deposited ${n}`; },
  withdraw: (n) => { if (n > state.balance) return `insufficient funds (balance ${state.balance})`; state.balance -= n; return `withdrew ${n}`; },
  balance: () => `balance is ${state.balance}`,
};
let lineNo = 0;
rl.on('line', (raw) => {
  lineNo++;
  const line = raw.trim();
  if (!line || line.startsWith('#')) return;
  if (line === 'quit') { console.log('bye'); rl.close(); return; }
  const [cmd, arg] = line.split(/\s+/);
  const fn = commands[cmd.toLowerCase()];
  const out = fn ? fn(Number(arg)) : `unknown command: ${cmd}`;
  state.history.push({ lineNo, cmd, out });
  console.log(`> ${out}`);
});
rl.on('close', () => {
  console.log('history:', state.history);
  console.log('final', state);
});
