// The import wizard in the real window: a messy fair list as Swedish Excel saves it
// (Windows-1252, semicolons, a line break inside a quoted note, an empty row) is read, its
// Swedish headers guessed, previewed with a bad phone, a first contact in the future and a
// repeated email flagged, the two bad cells fixed in the preview, imported as one batch and
// undone from the import history.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, Key } from 'selenium-webdriver';
import {
  byTest,
  find,
  inDialog,
  invoke,
  openApp,
  press,
  pressTest,
  snapshot,
  screenshot,
  startDriver,
  waitForDialogClosed,
  waitForText,
} from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-import-'));
let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

// Row 2 is fine; row 4 has a phone that is no number; row 6 a first contact in the future;
// row 7 repeats row 2's email in capitals. Row 5 is empty. The note on row 2 spans two lines.
const MESSY =
  'Förnamn;Efternamn;E-post;Telefon;Partner förnamn;Partner efternamn;Barn;Kommun;Första kontakt;Anteckningar\r\n' +
  'Anna;Lind;anna@example.se;070-123 45 67;Erik;Lind;4, 7;Östersund;5/3/2024;"Träffades på mässan\r\ni Göteborg"\r\n' +
  'Omar;Haddad;omar@example.se;12;;;;Åre;2024-03-05;\r\n' +
  ';;;;;;;;;\r\n' +
  'Sara;Berg;sara@example.se;;;;;Krokom;2099-01-01;\r\n' +
  'Britt;Ek;ANNA@example.se;;;;;Östersund;;\r\n';

const GUESS = [
  'adult1_first_name',
  'adult1_last_name',
  'adult1_email',
  'adult1_phone',
  'adult2_first_name',
  'adult2_last_name',
  'children_ages',
  'municipalities',
  'first_contact',
  'notes',
];

const TAG = 'Import mässa';

async function imported(driver) {
  const page = await invoke(driver, 'list_households', {
    filter: { query: null, phase: null, stage: null, municipality: null, tag: TAG, owner_id: null, limit: 50, offset: 0 },
  });
  return page.rows.map((r) => r.name).sort();
}

/** Read in one script, so a table the page re-renders is never caught half-way. */
async function attributes(driver, testId, attribute) {
  return driver
    .executeScript(
      'return [...document.querySelectorAll(`[data-testid="${arguments[0]}"]`)].map((e) => e.getAttribute(arguments[1]));',
      testId,
      attribute,
    )
    .catch((e) => {
      if (['StaleElementReferenceError', 'JavascriptError'].includes(e?.name)) return [];
      throw e;
    });
}

async function count(driver, which) {
  return (await (await find(driver, `import-count-${which}`)).getAttribute('textContent')).trim();
}

async function waitForCount(driver, which, value) {
  await driver.wait(async () => (await count(driver, which).catch(() => '')) === value, 15000, `waiting for ${which} = ${value}`);
}

test('a messy Swedish fair list is read, fixed in the preview, imported and undone', async () => {
  const driver = await openApp(dataDir);
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await (await find(driver, 'onboarding-start')).click();
    await (await find(driver, 'onboarding-empty')).click();

    // Swedish Excel's "CSV (semikolonavgränsad)": Windows-1252, which for å, ä, ö is Latin-1.
    const file = join(dataDir, 'mässlista.csv');
    writeFileSync(file, Buffer.from(MESSY, 'latin1'));

    await press(driver, await driver.findElement(By.css('nav a[href="#/data"]')));
    await pressTest(driver, 'import-start');
    await find(driver, 'import-wizard');

    // 1. The file: typed as a path (the system's file window cannot be driven from here).
    await (await find(driver, 'import-path')).sendKeys(file);
    await pressTest(driver, 'import-read');
    await waitForText(driver, 'import-file-name', 'mässlista.csv');
    assert.equal((await (await find(driver, 'import-file-rows')).getText()).trim(), '4', 'the empty row is dropped');
    assert.equal(await (await find(driver, 'import-encoding')).getAttribute('value'), 'windows1252');
    assert.equal(await (await find(driver, 'import-delimiter')).getAttribute('value'), 'semicolon');

    // 2. The columns: every Swedish header guessed.
    await pressTest(driver, 'import-next');
    await find(driver, 'import-column-0');
    const columns = await driver.executeScript(
      'return [...document.querySelectorAll(\'[data-testid^="import-column-"]\')].filter((e) => e.tagName === "SELECT").map((s) => s.value);',
    );
    assert.deepEqual(columns, GUESS);
    await (await find(driver, 'import-tags')).sendKeys(TAG);
    await snapshot(driver, 'import-columns');

    // 3. The preview: nothing is written yet.
    await pressTest(driver, 'import-preview-run');
    await waitForCount(driver, 'create', '1');
    assert.deepEqual(
      [await count(driver, 'update'), await count(driver, 'skip'), await count(driver, 'invalid')],
      ['0', '3', '2'],
    );
    assert.deepEqual(await attributes(driver, 'import-row', 'data-action'), ['create', 'skip', 'skip', 'skip']);
    assert.deepEqual(await attributes(driver, 'import-row', 'data-skip'), ['', 'invalid', 'invalid', 'repeats_row']);
    await waitForText(driver, 'import-rows', 'Samma som rad 2.');
    await waitForText(driver, 'import-rows', 'Telefon: Det ser inte ut som ett telefonnummer.');
    await waitForText(driver, 'import-rows', 'Första kontakt: Datumet kan inte läsas eller ligger i framtiden');
    assert.deepEqual(await imported(driver), [], 'a preview writes nothing');
    await snapshot(driver, 'import-preview');

    // Fix the two flagged cells where they are: Enter checks again, and so does the button.
    await pressTest(driver, 'import-filter-flagged');
    await driver.wait(async () => (await attributes(driver, 'import-row', 'data-action')).length === 2, 15000, 'the flagged rows');
    const phone = await find(driver, 'import-edit-1-3');
    await phone.clear();
    await phone.sendKeys('070-765 43 21', Key.ENTER);
    await waitForCount(driver, 'invalid', '1');
    const date = await find(driver, 'import-edit-2-8');
    await date.clear();
    await date.sendKeys('2024-01-10');
    await pressTest(driver, 'import-recheck');
    await waitForCount(driver, 'create', '3');
    assert.equal(await count(driver, 'invalid'), '0');

    // 4. Import, after a confirm.
    await waitForText(driver, 'import-commit', 'Importera 3 hushåll');
    await pressTest(driver, 'import-commit');
    await (await inDialog(driver, 'import-confirm')).click();
    await waitForText(driver, 'import-result', 'Skapade: 3. Uppdaterade: 0. Överhoppade rader: 1.');
    await waitForDialogClosed(driver);
    assert.deepEqual(await imported(driver), ['Anna & Erik Lind', 'Omar Haddad', 'Sara Berg']);
    const omar = await invoke(driver, 'list_households', {
      filter: { query: 'Haddad', phase: null, stage: null, municipality: null, tag: null, owner_id: null, limit: 5, offset: 0 },
    });
    const detail = await invoke(driver, 'household', { id: omar.rows[0].id });
    assert.deepEqual(detail.members[0].phones, ['+46707654321'], 'the corrected phone was imported, normalised');
    await driver.wait(async () => (await attributes(driver, 'import-batch-row', 'data-undone')).join() === 'false', 15000, 'the batch in the history');
    await snapshot(driver, 'import-done');

    // Undo from the import history: what the batch created is gone.
    await pressTest(driver, 'import-batch-undo');
    await (await inDialog(driver, 'import-undo-confirm')).click();
    await waitForDialogClosed(driver);
    await driver.wait(async () => (await attributes(driver, 'import-batch-row', 'data-undone')).join() === 'true', 15000, 'the batch marked undone');
    assert.deepEqual(await imported(driver), [], 'undo removes every household the import created');
    const batches = await invoke(driver, 'import_batches');
    assert.equal(batches.length, 1);
    assert.ok(batches[0].undone_at, 'the batch records when it was undone');
    assert.deepEqual([batches[0].created, batches[0].skipped], [3, 1]);
    // The result step's own undo now says it is done already, rather than undoing twice.
    await pressTest(driver, 'import-undo');
    await (await inDialog(driver, 'import-undo-confirm')).click();
    await waitForText(driver, 'import-undo-error', 'redan ångrad');
    await driver.findElement(By.css('dialog[open] button')).then((b) => b.sendKeys(Key.ESCAPE));
    await waitForDialogClosed(driver);
    assert.equal((await driver.findElements(byTest('import-result'))).length, 1);
  } catch (e) {
    await screenshot(driver, 'failure-import').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
