// Backups in the real window: a backup made by hand, work done after it, a restore that
// brings back the backup's state and keeps the replaced database aside, and settings that
// refuse what cannot work with a sentence.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { byTest, find, invoke, openApp, press, pressTest, screenshot, startDriver, waitForDialogClosed, waitForText } from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-data-'));
let tauriDriver;
/** The JSON export the first test saves; the second starts a new installation from it. */
let exported = null;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

const household = (first) => ({
  name: '',
  members: [{ id: null, first_name: first, last_name: 'Backupsson', role: 'adult', birth_year: null, languages: [], profession: '', emails: [`${first.toLowerCase().replace('ö', 'o')}@example.se`], phones: [] }],
  desired_municipalities: [],
  source: '',
  source_event_id: null,
  tags: [],
  notes: '',
  owner_id: null,
  stage: null,
  time_frame: null,
  interests: [],
});

async function names(driver) {
  const page = await invoke(driver, 'list_households', {
    filter: { query: 'Backupsson', phase: null, stage: null, municipality: null, tag: null, owner_id: null, limit: 50, offset: 0 },
  });
  return page.rows.map((r) => r.name).sort();
}

// Read in one script, so a list the page re-renders (after a restore it reloads
// itself) is never caught half-way with stale element references.
// A script run while the document is being replaced may fail; that is "not yet".
async function rowKinds(driver) {
  return driver
    .executeScript("return [...document.querySelectorAll('[data-testid=\"backup-row\"]')].map((r) => r.dataset.kind);")
    .catch((e) => {
      if (['StaleElementReferenceError', 'JavascriptError', 'ScriptTimeoutError'].includes(e?.name)) return [];
      throw e;
    });
}

test('a backup is made, restored over later work, and the replaced database is kept aside', async () => {
  const driver = await openApp(dataDir);
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await (await find(driver, 'onboarding-start')).click();
    await (await find(driver, 'onboarding-empty')).click();
    await invoke(driver, 'create_household', { input: household('Före') });

    await press(driver, await driver.findElement(By.css('nav a[href="#/data"]')));
    await find(driver, 'backups');
    await pressTest(driver, 'backup-now');
    await driver.wait(async () => (await rowKinds(driver)).includes('manual'), 15000, 'waiting for the manual backup');
    await waitForText(driver, 'backup-latest', 'Senaste säkerhetskopia');
    await screenshot(driver, 'data-backups');

    // Work after the backup, then restore the manual backup over it.
    await invoke(driver, 'create_household', { input: household('Efter') });
    assert.deepEqual(await names(driver), ['Efter Backupsson', 'Före Backupsson']);
    const rows = await driver.findElements(byTest('backup-row'));
    const kinds = await rowKinds(driver);
    await press(driver, await rows[kinds.indexOf('manual')].findElement(byTest('backup-restore')));
    await pressTest(driver, 'restore-confirm');
    // The page reloads itself; the list then holds the copy kept aside before the restore.
    await driver.wait(async () => (await rowKinds(driver)).includes('before_restore'), 15000, 'waiting for the kept-aside copy');
    assert.deepEqual(await names(driver), ['Före Backupsson'], 'the household added after the backup is gone');

    // A path that is no backup is refused with a sentence, and nothing changes.
    await (await find(driver, 'backup-file-input')).sendKeys('/etc/hostname');
    await pressTest(driver, 'backup-file-restore');
    await pressTest(driver, 'restore-confirm');
    await waitForText(driver, 'restore-error', 'ingen säkerhetskopia');
    await driver.findElement(By.css('dialog[open] button')).then((b) => b.sendKeys('\uE00C')); // Escape
    await waitForDialogClosed(driver);
    assert.deepEqual(await names(driver), ['Före Backupsson']);

    // Settings: a relative folder is refused at the field; a real one is taken.
    const folderInput = await find(driver, 'backup-folder-input');
    await folderInput.sendKeys('kopior');
    await pressTest(driver, 'backup-save');
    await waitForText(driver, 'backup-settings', 'Landa kan inte skriva i den mappen');
    const folder = join(dataDir, 'usb-minne');
    await folderInput.clear();
    await folderInput.sendKeys(folder);
    const keepInput = await find(driver, 'backup-keep');
    await keepInput.clear();
    await keepInput.sendKeys('3');
    await pressTest(driver, 'backup-save');
    await waitForText(driver, 'backup-folder', folder);
    const overview = await invoke(driver, 'backup_overview');
    assert.equal(overview.settings.keep, 3);
    assert.equal(overview.folder, folder);
    await screenshot(driver, 'data-settings');

    // The whole register as JSON and the contacts as vCard, saved where the page says.
    const saved = async (button, extension) => {
      await pressTest(driver, button);
      await waitForText(driver, 'export-saved', extension);
      const text = await (await find(driver, 'export-saved')).getText();
      return text.slice(text.indexOf('/')).trim();
    };
    exported = await saved('export-json', '.json');
    const json = JSON.parse(readFileSync(exported, 'utf8'));
    assert.equal(json.format, 'landa-export');
    assert.deepEqual(
      json.entities.households.map((h) => h.name).filter((n) => n.includes('Backupsson')),
      ['Före Backupsson'],
    );
    const vcf = readFileSync(await saved('export-vcard', '.vcf'), 'utf8');
    assert.match(vcf, /^BEGIN:VCARD\r\nVERSION:3\.0\r\n/);
    assert.match(vcf, /EMAIL;TYPE=INTERNET:fore@example\.se/);
  } catch (e) {
    await screenshot(driver, 'failure-data').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});

test('a new installation starts from the JSON export on its first-start screen', async () => {
  assert.ok(exported, 'the first test saved an export');
  const freshDir = mkdtempSync(join(tmpdir(), 'landa-e2e-fresh-'));
  const driver = await openApp(freshDir);
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Ny Lots');
    await (await find(driver, 'onboarding-start')).click();
    await find(driver, 'onboarding-export');
    await screenshot(driver, 'onboarding');
    await driver.findElement(By.css('details summary')).click();
    await (await find(driver, 'onboarding-restore-path')).sendKeys(exported);
    await pressTest(driver, 'onboarding-restore-go');
    await waitForText(driver, 'onboarding-restore-confirm', 'Läs in');
    await screenshot(driver, 'onboarding-export');
    await pressTest(driver, 'onboarding-restore-confirm');
    // The window reloads with the export's records and users, and the first start is over: the
    // app's navigation appears. Nothing is asked of the page before then, since a script run
    // while the page unloads fails.
    await driver.wait(until.elementLocated(By.css('nav a[href="#/data"]')), 20000, 'waiting for the app after the reload');
    assert.deepEqual(await names(driver), ['Före Backupsson'], 'the exported household is there');
    const session = await invoke(driver, 'session');
    assert.ok(
      session.users.some((u) => u.name === 'Karin Lindgren'),
      'the export brought its coordinators',
    );
    assert.equal(session.user?.name, 'Ny Lots', 'who was named at the first start stays signed in');
    assert.equal(session.is_empty, false);
  } catch (e) {
    await screenshot(driver, 'failure-data-fresh').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
