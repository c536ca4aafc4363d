// Encryption at rest and the app lock, as a new coordinator meets them in the real window:
// the first start chooses a passphrase, the lock screen hides everything until it is typed
// again, the passphrase can be changed, and after the app is closed no file in the data folder
// holds a readable trace of what was typed in.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, Key } from 'selenium-webdriver';
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
  waitForDialogClosed,
  waitForText,
} from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-protection-'));
const NEW_PASSPHRASE = 'fyra blå cyklar vid älven';
// Typed into the real window; must never be found in the data folder's bytes.
const MARKER = 'Zqx7Markör';
const MARKER_EMAIL = 'zqx7marker@exempel.se';
let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

test('first start protects the data, the lock hides it, and the files show nothing', async () => {
  let driver = await openApp(dataDir, { raw: true });
  try {
    // The first start: a passphrase before anything is stored.
    await find(driver, 'protect-passphrase');
    await waitForText(driver, 'protect-start', 'Kryptera och fortsätt');
    assert.deepEqual(filesUnder(dataDir), [], 'nothing is written before the passphrase is chosen');
    await (await find(driver, 'protect-passphrase')).sendKeys('för kort');
    await (await find(driver, 'protect-repeat')).sendKeys('för kort');
    await pressTest(driver, 'protect-start');
    await driver.wait(
      async () => (await bodyText(driver)).includes('Lösenfrasen måste vara minst 10 tecken lång.'),
      15000,
      'a short passphrase is refused with a sentence',
    );
    assert.deepEqual(filesUnder(dataDir), [], 'a refused passphrase creates no database');
    await screenshot(driver, 'protect-first-start');
    await (await find(driver, 'protect-passphrase')).clear();
    await (await find(driver, 'protect-repeat')).clear();
    await passStartScreen(driver);

    // Then the usual first start, and some personal data typed in.
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await pressTest(driver, 'onboarding-start');
    await pressTest(driver, 'onboarding-empty');
    await invoke(driver, 'create_household', {
      input: oneAdultHousehold({
        first: MARKER,
        last: 'Lindqvist',
        emails: [MARKER_EMAIL],
        notes: `${MARKER} vill flytta till Östersund`,
      }),
    });

    // A second coordinator shares this computer: each unlock asks who is working.
    await invoke(driver, 'create_user', { name: 'Ahmed Yousef' });

    // Lock from the keyboard: nothing of the data stays in the window.
    await driver.actions().keyDown(Key.CONTROL).keyDown(Key.SHIFT).sendKeys('l').keyUp(Key.SHIFT).keyUp(Key.CONTROL).perform();
    await find(driver, 'lock-passphrase');
    await waitForText(driver, 'lock-unlock', 'Lås upp');
    const html = await driver.getPageSource();
    assert.ok(!html.includes(MARKER), 'the locked window holds no trace of the data');
    assert.ok(!html.includes('Karin Lindgren'), 'not even who was signed in');
    await assert.rejects(
      invoke(driver, 'list_households', {
        filter: { query: MARKER, phase: null, stage: null, municipality: null, tag: null, owner_id: null, limit: 5, offset: 0 },
      }),
      /"code":"locked"/,
      'the backend answers nothing while locked',
    );
    await screenshot(driver, 'lock-screen');

    // A wrong passphrase says so and keeps the lock; the right one opens where we were.
    await (await find(driver, 'lock-passphrase')).sendKeys('inte rätt lösenfras');
    await pressTest(driver, 'lock-unlock');
    await driver.wait(async () => (await bodyText(driver)).includes('Fel lösenfras.'), 15000, 'wrong passphrase');
    await find(driver, 'lock-passphrase');
    await passStartScreen(driver);
    await find(driver, 'current-user');

    // The Data page: an idle time, and a new passphrase for the database and its backups.
    await driver.executeScript("location.hash = '#/data'");
    const idle = await find(driver, 'lock-idle');
    await idle.findElement(By.css('option[value="5"]')).click();
    await driver.wait(
      async () => (await invoke(driver, 'lock_settings')).idle_minutes === 5,
      15000,
      'the idle time is saved',
    );
    await invoke(driver, 'backup_now', { kind: 'manual' });
    await pressTest(driver, 'security-change');
    await (await find(driver, 'change-current')).sendKeys(PASSPHRASE);
    await (await find(driver, 'change-next')).sendKeys(NEW_PASSPHRASE);
    await (await find(driver, 'change-repeat')).sendKeys(NEW_PASSPHRASE);
    await screenshot(driver, 'change-passphrase');
    await pressTest(driver, 'change-submit');
    await waitForDialogClosed(driver);
    await driver.wait(
      async () => (await bodyText(driver)).includes('Lösenfrasen är bytt. Säkerhetskopior som krypterades om: 1.'),
      15000,
      'the change says what it did',
    );
    await screenshot(driver, 'security-settings');
  } catch (e) {
    await screenshot(driver, 'failure-protection').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }

  // The lost laptop: with the app closed, copy every file off the data folder and look.
  const files = filesUnder(dataDir);
  assert.ok(files.some((f) => f.endsWith('landa.db')), 'the database is there');
  assert.ok(files.some((f) => f.includes('backups')), 'and its backup');
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const needle of [MARKER, MARKER_EMAIL, 'Karin Lindgren', 'Lindqvist', 'SQLite format 3']) {
      assert.ok(!bytes.includes(Buffer.from(needle, 'utf8')), `${file} must not hold "${needle}"`);
      assert.ok(!bytes.includes(Buffer.from(needle, 'utf16le')), `${file} must not hold "${needle}" (UTF-16)`);
    }
  }

  // The old passphrase no longer opens it; the new one does, with everything there.
  driver = await openApp(dataDir, { raw: true });
  try {
    await (await find(driver, 'lock-passphrase')).sendKeys(PASSPHRASE);
    await pressTest(driver, 'lock-unlock');
    await driver.wait(async () => (await bodyText(driver)).includes('Fel lösenfras.'), 15000, 'the old one is refused');
    await (await find(driver, 'lock-passphrase')).clear();
    await (await find(driver, 'lock-passphrase')).sendKeys(NEW_PASSPHRASE);
    await pressTest(driver, 'lock-unlock');
    // Who is working now: the two coordinators, the last one chosen; Ahmed signs in.
    await waitForText(driver, 'sign-in-continue', 'Fortsätt som Karin Lindgren');
    const people = await driver.findElements(By.css('[data-testid="sign-in-user"]'));
    assert.equal(people.length, 2, 'both coordinators are offered');
    await people[0].click();
    await waitForText(driver, 'sign-in-continue', 'Fortsätt som Ahmed Yousef');
    await screenshot(driver, 'sign-in');
    await pressTest(driver, 'sign-in-continue');
    await waitForText(driver, 'current-user', 'Ahmed');
    assert.equal((await invoke(driver, 'session')).user.name, 'Ahmed Yousef', 'changes are signed by Ahmed now');
    const found = await invoke(driver, 'search', { query: MARKER.toLowerCase(), limit: 5 });
    assert.ok(JSON.stringify(found).includes(MARKER), 'the household typed in is there, and searchable');
  } finally {
    await driver.quit();
  }
});
