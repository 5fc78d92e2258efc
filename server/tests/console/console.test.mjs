// The web console in a real browser (Debian's Chromium, headless, driven by playwright-core):
// create a session, write a program, run it and see its output, then see a second page of the
// same session receive the changes. Usage: node console.test.mjs BASE_URL [SCREENSHOT.png]
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const [base, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const step = (what) => console.log(`console test: ${what}`);
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const first = await context.newPage();
  first.on('dialog', (dialog) => dialog.accept(dialog.type() === 'prompt' ? 'main.py' : undefined));
  await first.goto(base);
  await first.click('#new-session');
  await first.waitForSelector('body[data-connected="true"]');
  const session = await first.inputValue('#session-id');
  assert.match(session, /^[0-9a-f-]{36}$/);
  step(`session ${session} created and connected`);

  await first.click('#new-file');
  await first.waitForSelector('#files li[data-path="main.py"]');
  await first.fill('#code', "name = input()\nfor i in range(3):\n    print(f'hello {name} {i}')\n");
  assert.match(await first.innerHTML('#highlight'), /<span class="kw">for<\/span>/);
  await first.fill('#stdin', 'console');
  await first.click('#run');
  await first.waitForFunction(() => document.querySelector('#output').textContent.includes('[exited, exit 0'));
  const output = await first.textContent('#output');
  assert.ok(output.includes('hello console 0\nhello console 1\nhello console 2\n'), output);
  step('a program written in the console ran and its output arrived');

  await first.fill('#stdin', '');
  await first.fill('#cases', JSON.stringify([
    { input: 'a', expectedOutput: 'hello a 0\nhello a 1\nhello a 2' },
    { input: 'b', expectedOutput: 'nope' },
  ]));
  await first.click('#run');
  await first.waitForSelector('#verdicts li:nth-child(2)');
  assert.deepEqual(
    await first.$$eval('#verdicts li', (items) => items.map((item) => item.className)),
    ['passed', 'failed'],
  );
  assert.match(await first.textContent('#verdicts li.failed pre'), /nope/);
  step('test cases were judged, with a diff for the failing one');
  if (screenshot) await first.screenshot({ path: screenshot });

  const second = await context.newPage();
  await second.goto(`${base}/#session=${session}`);
  await second.waitForSelector('body[data-connected="true"]');
  await second.waitForSelector('#files li[data-path="main.py"]');
  await second.click('#files li[data-path="main.py"]');
  await second.waitForFunction(() => document.querySelector('#code').value.includes('hello'));
  await first.fill('#code', "print('changed in the first tab')\n");
  await first.click('#save');
  await second.waitForFunction(() => document.querySelector('#code').value.includes('changed in the first tab'));
  first.removeAllListeners('dialog');
  first.on('dialog', (dialog) => dialog.accept(dialog.type() === 'prompt' ? 'lib/util.js' : undefined));
  await first.click('#new-file');
  await second.waitForSelector('#files li[data-path="lib/util.js"]');
  step('a second page of the session saw the change and the new file as they happened');

  await first.click('#files li[data-path="main.py"]');
  await first.waitForFunction(() => document.querySelector('#code').value.includes('changed in the first tab'));
  await first.fill('#cases', '');
  await first.fill('#code', 'while True:\n    pass\n');
  await first.click('#run');
  await first.waitForSelector('#cancel:not([disabled])');
  await first.waitForFunction(() => document.querySelector('#output').textContent.includes('[python: main.py]'));
  await first.click('#cancel');
  await first.waitForFunction(() => document.querySelector('#output').textContent.includes('[cancelled'));
  step('a run that would not end was cancelled from the console');
} finally {
  await browser.close();
}
