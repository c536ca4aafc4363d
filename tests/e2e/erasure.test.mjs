// An erasure request decided in the real window: the household page previews what goes, the
// coordinator confirms, the household is gone from search, the Data page's register shows the
// decision without the data, and restoring a backup made before the erasure does not bring the
// household back.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTIFACTS, find, invoke, openApp, press, pressTest, screenshot, startDriver, waitForDialogClosed, waitForText } from './driver.mjs';
import { By } from 'selenium-webdriver';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-erasure-'));
const secondDir = mkdtempSync(join(tmpdir(), 'landa-e2e-restrict-'));
const MARKER = 'Xqj4Raderas';
let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

const household = (first) => ({
  name: '',
  members: [{ id: null, first_name: first, last_name: 'Sundin', role: 'adult', birth_year: null, languages: [], profession: '', emails: [`${first.toLowerCase()}@example.se`], phones: [] }],
  desired_municipalities: [],
  source: '',
  source_event_id: null,
  tags: [],
  notes: `${MARKER} vill flytta`,
  owner_id: null,
  stage: null,
  time_frame: null,
  interests: [],
});

async function found(driver, query) {
  return invoke(driver, 'search', { query, limit: 10 });
}

test('a household is erased from its page, stays erased after a restore, and the register shows the decision', async () => {
  const driver = await openApp(dataDir);
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await pressTest(driver, 'onboarding-start');
    await pressTest(driver, 'onboarding-empty');
    const created = await invoke(driver, 'create_household', { input: household(MARKER) });
    const id = created.id;
    const backup = await invoke(driver, 'backup_now', { kind: 'manual' });
    assert.equal((await found(driver, MARKER.toLowerCase())).length, 1, 'searchable before');

    await driver.executeScript(`location.hash = '#/households/${id}'`);

    // First the access extract: everything about the household, as PDF and JSON.
    await pressTest(driver, 'extract-household');
    await pressTest(driver, 'extract-produce');
    await waitForText(driver, 'extract-saved', '.pdf');
    // Each path on its own line: a name already taken gets " (2)", so paths may hold spaces.
    const pdfPath = (await (await find(driver, 'extract-pdf')).getAttribute('textContent')).trim();
    const jsonPath = (await (await find(driver, 'extract-json')).getAttribute('textContent')).trim();
    assert.ok(pdfPath.endsWith('.pdf') && pdfPath.includes('okrypterad'), `a PDF, marked plain: ${pdfPath}`);
    assert.ok(jsonPath.endsWith('.json') && jsonPath.includes('okrypterad'), `a JSON file, marked plain: ${jsonPath}`);
    assert.ok(readFileSync(pdfPath).subarray(0, 4).toString() === '%PDF', 'a PDF');
    const extract = JSON.parse(readFileSync(jsonPath, 'utf8'));
    assert.equal(extract.format, 'landa-access-extract');
    assert.ok(JSON.stringify(extract.household).includes(MARKER), 'the JSON holds the household');
    await screenshot(driver, 'access-extract');
    mkdirSync(ARTIFACTS, { recursive: true });
    copyFileSync(pdfPath, join(ARTIFACTS, 'access-extract.pdf'));
    await driver.findElement(By.css('dialog[open] button')).then((b) => b.sendKeys('\uE00C')); // Escape
    await waitForDialogClosed(driver);

    await pressTest(driver, 'erase-household');
    await waitForText(driver, 'erase-preview', 'Det här raderas');
    const submit = await find(driver, 'erase-submit');
    assert.equal(await submit.getAttribute('disabled'), 'true', 'nothing is erased without a reason and the confirmation');
    await (await find(driver, 'erase-reason')).sendKeys('Begäran per e-post till kommunen');
    await press(driver, await find(driver, 'erase-confirm'));
    await screenshot(driver, 'erasure-dialog');
    await pressTest(driver, 'erase-submit');
    await driver.wait(async () => (await driver.getCurrentUrl()).endsWith('#/households'), 15000, 'back to the list');
    await driver.wait(
      async () => (await driver.executeScript('return document.body.textContent')).includes('Hushållet är raderat.'),
      15000,
      'the erasure says what it did',
    );
    assert.deepEqual(await found(driver, MARKER.toLowerCase()), [], 'gone from search');

    // Restoring the backup made before the erasure does not bring the household back.
    await invoke(driver, 'restore_backup', { path: backup.path, passphrase: null });
    assert.deepEqual(await found(driver, MARKER.toLowerCase()), [], 'still gone after restoring an older backup');

    await driver.executeScript("location.hash = '#/data'; location.reload()");
    await waitForText(driver, 'erasure-row', 'Begäran per e-post till kommunen');
    const row = await find(driver, 'erasure-row');
    assert.equal(await row.getAttribute('data-outcome'), 'erased');
    const register = await (await find(driver, 'erasure-register')).getAttribute('textContent');
    assert.ok(!register.includes(MARKER), 'the register holds the decision, not the data');
    // For the screenshot, the register right under the page's title: the sections above it
    // are long, and the window cannot scroll a nested area for a picture.
    await driver.executeScript(`
      const register = document.querySelector('[data-testid="erasure-register"]');
      for (const section of register.parentElement.querySelectorAll(':scope > section'))
        if (section !== register) section.style.display = 'none';`);
    await screenshot(driver, 'erasure-register');
  } catch (e) {
    await screenshot(driver, 'failure-erasure').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});

test('a household is restricted and lifted from the register, and one person of it is erased', async () => {
  const driver = await openApp(secondDir);
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await pressTest(driver, 'onboarding-start');
    await pressTest(driver, 'onboarding-empty');
    const input = household('Xqj4Anna');
    input.members.push({ ...input.members[0], first_name: 'Per', emails: ['per@example.se'] });
    const { id } = await invoke(driver, 'create_household', { input });
    assert.equal((await invoke(driver, 'household', { id })).name, 'Xqj4Anna & Per Sundin');

    // Restricted from the household's page: the page closes and search no longer finds it.
    await driver.executeScript(`location.hash = '#/households/${id}'`);
    await pressTest(driver, 'erase-household');
    await pressTest(driver, 'erase-outcome-restricted');
    assert.equal(await driver.findElements(By.css('[data-testid="erase-confirm"]')).then((e) => e.length), 0);
    await (await find(driver, 'erase-reason')).sendKeys('Bestrider att uppgifterna stämmer');
    await pressTest(driver, 'erase-submit');
    await driver.wait(async () => (await driver.getCurrentUrl()).endsWith('#/households'), 15000, 'back to the list');
    assert.deepEqual(await found(driver, 'xqj4anna'), [], 'hidden from search while restricted');

    // The register is the one place it shows, with the actions on it.
    await driver.executeScript("location.hash = '#/data'; location.reload()");
    await waitForText(driver, 'erasure-row', 'Xqj4Anna & Per Sundin');
    const row = await find(driver, 'erasure-row');
    assert.equal(await row.getAttribute('data-restricted'), 'true');
    // Only the register on screen: every sibling of it, and of each of its parents up to the
    // page, is hidden for the picture.
    await driver.executeScript(`
      let node = document.querySelector('[data-testid="erasure-register"]');
      while (node && node.parentElement && !node.parentElement.matches('main, body')) {
        for (const sibling of node.parentElement.children)
          if (sibling !== node && !sibling.matches('h1, header, .page-header')) sibling.style.display = 'none';
        node = node.parentElement;
      }
      window.scrollTo(0, 0);`);
    await screenshot(driver, 'restriction-register');
    await pressTest(driver, 'lift-open');
    await (await find(driver, 'lift-reason')).sendKeys('Uppgifterna är kontrollerade');
    await pressTest(driver, 'lift-submit');
    await waitForDialogClosed(driver);
    await driver.wait(async () => (await found(driver, 'xqj4anna')).length === 1, 15000, 'found again once lifted');

    // One person of it erased: the household stays, named after who is left.
    await driver.executeScript(`location.hash = '#/households/${id}'`);
    await pressTest(driver, 'erase-household');
    const people = await driver.findElements(By.css('[data-testid="erase-subject-person"]'));
    assert.equal(people.length, 2, 'each member can be the subject');
    await press(driver, people[0]);
    await waitForText(driver, 'erase-preview', 'Det här raderas – 1 poster');
    await (await find(driver, 'erase-reason')).sendKeys('Begäran per telefon');
    await press(driver, await find(driver, 'erase-confirm'));
    await pressTest(driver, 'erase-submit');
    await waitForDialogClosed(driver);
    await driver.wait(
      async () => (await invoke(driver, 'household', { id })).name === 'Per Sundin',
      15000,
      'the household is named after who is left',
    );
    assert.deepEqual(await found(driver, 'xqj4anna'), [], 'the erased person is not found');
  } catch (e) {
    await screenshot(driver, 'failure-restriction').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
