// The OS keychain in the real window, against a real Secret Service (gnome-keyring with a
// throwaway login keyring: run through `npm run test:keychain`, which starts it with
// scripts/with-keyring.sh). The first start offers to remember the key; the next start opens
// without the passphrase; the lock screen opens with the keychain; the settings forget it, and
// the start after that asks for the passphrase again.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Key } from 'selenium-webdriver';
import {
  PASSPHRASE,
  bodyText,
  filesUnder,
  oneAdultHousehold,
  find,
  invoke,
  openApp,
  passStartScreen,
  pressTest,
  screenshot,
  startDriver,
  waitForText,
} from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-keychain-'));
const MARKER = 'Kqy4Nyckelring';
let tauriDriver;

before(async () => {
  assert.ok(
    process.env.DBUS_SESSION_BUS_ADDRESS,
    'run through `npm run test:keychain`: it needs the Secret Service scripts/with-keyring.sh starts',
  );
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

/** Waits until the app has opened past every start screen, without typing anything. */
async function waitUntilOpen(driver, why) {
  await driver.wait(
    async () =>
      driver.executeScript(
        `return Boolean(document.querySelector('[data-testid="current-user"]'))
           && !document.querySelector('[data-testid="lock-passphrase"], [data-testid="protect-passphrase"]')`,
      ),
    30000,
    why,
  );
}

test('the keychain remembers the key, opens the app and the lock screen, and forgets it', async () => {
  let driver = await openApp(dataDir, { raw: true });
  try {
    // The first start offers the choice, with asking every time chosen.
    await find(driver, 'protect-opening');
    assert.equal(
      await (await find(driver, 'protect-ask')).isSelected(),
      true,
      'asking for the passphrase every time is the default',
    );
    await (await find(driver, 'protect-passphrase')).sendKeys(PASSPHRASE);
    await (await find(driver, 'protect-repeat')).sendKeys(PASSPHRASE);
    await pressTest(driver, 'protect-remember');
    await screenshot(driver, 'protect-keychain-choice');
    await pressTest(driver, 'protect-start');
    await (await find(driver, 'onboarding-name', 30000)).sendKeys('Karin Lindgren');
    await pressTest(driver, 'onboarding-start');
    await pressTest(driver, 'onboarding-empty');
    await find(driver, 'current-user');
    assert.equal(
      (await invoke(driver, 'protection_status')).keychain,
      'remembered',
      'the key is in the Secret Service',
    );
    await invoke(driver, 'create_household', { input: oneAdultHousehold({ first: MARKER, last: 'Holm' }) });

    // Locked: the lock screen offers the keychain beside the passphrase.
    await driver.actions().keyDown(Key.CONTROL).keyDown(Key.SHIFT).sendKeys('l').keyUp(Key.SHIFT).keyUp(Key.CONTROL).perform();
    await waitForText(driver, 'lock-keychain', 'Lås upp med datorns nyckelring');
    assert.ok(!(await driver.getPageSource()).includes(MARKER), 'the locked window holds no trace of the data');
    await screenshot(driver, 'lock-screen-keychain');
    await pressTest(driver, 'lock-keychain');
    await waitUntilOpen(driver, 'the keychain unlocks the window');
  } catch (e) {
    await screenshot(driver, 'failure-keychain').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }

  // The data folder holds the encrypted database and nothing readable: the key is elsewhere.
  for (const file of filesUnder(dataDir)) {
    const bytes = readFileSync(file);
    for (const needle of [MARKER, 'Karin Lindgren', 'SQLite format 3']) {
      assert.ok(!bytes.includes(Buffer.from(needle, 'utf8')), `${file} must not hold "${needle}"`);
    }
  }

  // The next start opens without the passphrase.
  driver = await openApp(dataDir, { raw: true });
  try {
    await waitUntilOpen(driver, 'a start with a remembered key opens without the passphrase');
    const found = await invoke(driver, 'search', { query: MARKER.toLowerCase(), limit: 5 });
    assert.ok(JSON.stringify(found).includes(MARKER), 'with the data there');

    // The settings show the key as remembered, and forget it.
    await driver.executeScript("location.hash = '#/data'");
    const remember = await find(driver, 'security-remember');
    assert.equal(await remember.isSelected(), true, 'the switch shows the key is remembered');
    await remember.click();
    await driver.wait(
      async () => (await bodyText(driver)).includes('Nyckeln är borttagen ur datorns nyckelring.'),
      15000,
      'forgetting says so',
    );
    assert.equal((await invoke(driver, 'protection_status')).keychain, 'available');
    await driver.executeScript(`document.querySelector('[data-testid="security"]').scrollIntoView({ block: 'end' })`);
    await screenshot(driver, 'security-keychain');
  } finally {
    await driver.quit();
  }

  // Forgotten: the start after asks for the passphrase, with no keychain button.
  driver = await openApp(dataDir, { raw: true });
  try {
    await find(driver, 'lock-passphrase');
    assert.equal(
      await driver.executeScript(`return Boolean(document.querySelector('[data-testid="lock-keychain"]'))`),
      false,
      'nothing remembered: only the passphrase',
    );
    await passStartScreen(driver);
    await find(driver, 'current-user');
  } finally {
    await driver.quit();
  }
});
