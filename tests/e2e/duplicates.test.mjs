// Duplicates in the real window: two households for the same Sara (same name and municipality,
// different emails, each with a logged call) are found by the scan, merged with one field taken
// from the merged household, and the kept household has both timelines; the merge is undone
// from its notice and both households are back. Another pair is marked "Inte dubbletter" and
// stays out of the next scan.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { byTest, find, invoke, openApp, press, pressTest, screenshot, snapshot, startDriver, waitForText } from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-duplicates-'));
let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

const household = (first, last, email, municipality, extra = {}) => ({
  name: '',
  members: [{ id: null, first_name: first, last_name: last, role: 'adult', birth_year: null, languages: [], profession: '', emails: [email], phones: [] }],
  desired_municipalities: [municipality],
  source: '',
  source_event_id: null,
  tags: [],
  notes: '',
  owner_id: null,
  stage: null,
  time_frame: null,
  interests: [],
  ...extra,
});

async function create(driver, input, talk) {
  const made = await invoke(driver, 'create_household', { input });
  await invoke(driver, 'log_interaction', {
    input: { household_id: made.id, organisation_id: null, kind: 'call', occurred_at: null, summary: talk },
  });
  return made.id;
}

/** The pairs on the page as [first id, second id], read in one script (the list re-renders). */
async function pairRows(driver) {
  return driver
    .executeScript(
      "return [...document.querySelectorAll('[data-testid=\"duplicate-pair\"]')].map((r) => [r.dataset.a, r.dataset.b]);",
    )
    .catch((e) => {
      if (['StaleElementReferenceError', 'JavascriptError'].includes(e?.name)) return [];
      throw e;
    });
}

const samePair = (row, x, y) => (row[0] === x && row[1] === y) || (row[0] === y && row[1] === x);

async function pairIndex(driver, x, y) {
  return (await pairRows(driver)).findIndex((row) => samePair(row, x, y));
}

async function waitForPair(driver, x, y, present = true) {
  await driver.wait(
    async () => ((await pairIndex(driver, x, y)) !== -1) === present,
    30000,
    `waiting for the pair ${x} / ${y} to be ${present ? 'listed' : 'gone'}`,
  );
}

/** A household as the backend has it now, or null while it is merged away. */
async function maybeHousehold(driver, id) {
  try {
    const h = await invoke(driver, 'household', { id });
    return h.duplicate_of === null ? h : null;
  } catch {
    return null;
  }
}

test('a duplicate is found, merged with a field from the other, undone; another pair is dismissed', async () => {
  const driver = await openApp(dataDir);
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await (await find(driver, 'onboarding-start')).click();
    await (await find(driver, 'onboarding-empty')).click();

    // Sara met at a fair in Östersund, and again through the web form with another email.
    const sara1 = await create(
      driver,
      household('Sara', 'Nilsson', 'sara.nilsson@example.se', 'Östersund', { source: 'Mässa Östersund' }),
      'Samtal om jobb',
    );
    const sara2 = await create(
      driver,
      household('Sara', 'Nilsson', 'sara.n@example.com', 'Östersund', {
        source: 'Webbformulär',
        notes: 'Vill bo nära fjällen',
      }),
      'Samtal om förskola',
    );
    // Two different men who share a name in Åre.
    const omar1 = await create(driver, household('Omar', 'Haddad', 'omar.h@example.se', 'Åre'), 'Första samtalet');
    const omar2 = await create(driver, household('Omar', 'Haddad', 'o.haddad@example.com', 'Åre'), 'Ett annat samtal');

    // The page scans as it opens.
    await press(driver, await driver.findElement(By.css('nav a[href="#/duplicates"]')));
    await waitForPair(driver, sara1, sara2);
    await waitForPair(driver, omar1, omar2);
    const index = await pairIndex(driver, sara1, sara2);
    const rows = await driver.findElements(byTest('duplicate-pair'));
    const [kept, merged] = await pairRows(driver).then((r) => r[index]);
    const reasons = await rows[index].findElement(byTest('duplicate-reasons')).getText();
    assert.match(reasons, /samma namn i samma kommun/);
    await screenshot(driver, 'duplicates');

    // The merge screen: the first side is kept; take the source from the other one.
    await press(driver, await rows[index].findElement(byTest('duplicate-merge')));
    await find(driver, 'merge-form');
    await waitForText(driver, 'merge-moves-summary', '1 händelse i tidslinjen');
    const mergedSource = merged === sara1 ? 'Mässa Östersund' : 'Webbformulär';
    await pressTest(driver, 'merge-choice-source-merged');
    assert.equal(await (await find(driver, 'merge-choice-source-merged')).isSelected(), true);
    // The note is kept whichever side it is on: the empty side never wins by default.
    const noteSide = merged === sara2 ? 'merged' : 'kept';
    assert.equal(await (await find(driver, `merge-choice-notes-${noteSide}`)).isSelected(), true);
    await snapshot(driver, 'merge');

    await pressTest(driver, 'merge-confirm');
    await driver.wait(
      async () => (await driver.executeScript('return location.hash')) === `#/households/${kept}`,
      15000,
      'waiting for the kept household',
    );
    const one = await invoke(driver, 'household', { id: kept });
    assert.equal(one.timeline.length, 2, 'both timelines on the kept household');
    assert.deepEqual(one.timeline.map((i) => i.summary).sort(), ['Samtal om förskola', 'Samtal om jobb']);
    assert.equal(one.members.length, 2, 'both Saras, to merge as people later');
    assert.equal(one.source, mergedSource, 'the source chosen from the merged household');
    assert.equal(one.notes, 'Vill bo nära fjällen');
    assert.equal(await maybeHousehold(driver, merged), null, 'the merged household is gone');

    // Undo from the notice: both households are back as they were.
    await pressTest(driver, 'toast-action');
    await driver.wait(async () => (await maybeHousehold(driver, merged)) !== null, 15000, 'waiting for the undo');
    const keptAgain = await invoke(driver, 'household', { id: kept });
    const mergedAgain = await invoke(driver, 'household', { id: merged });
    assert.equal(keptAgain.timeline.length, 1);
    assert.equal(keptAgain.members.length, 1);
    assert.equal(keptAgain.source, merged === sara1 ? 'Webbformulär' : 'Mässa Östersund');
    assert.equal(mergedAgain.timeline.length, 1);
    assert.equal(mergedAgain.members.length, 1);
    await waitForText(driver, 'toast', 'Sammanslagningen är ångrad');

    // The list of merges shows it undone; the pair is found again.
    await press(driver, await driver.findElement(By.css('nav a[href="#/duplicates"]')));
    await driver.wait(
      async () => (await driver.findElements(By.css('[data-testid="merge-row"][data-undone="true"]'))).length === 1,
      15000,
      'waiting for the undone merge in the list',
    );
    await waitForPair(driver, sara1, sara2);

    // Two different Omars: not duplicates. The row goes at once, and a new scan leaves it out.
    const omarRows = await driver.findElements(byTest('duplicate-pair'));
    await press(driver, await omarRows[await pairIndex(driver, omar1, omar2)].findElement(byTest('duplicate-dismiss')));
    await waitForPair(driver, omar1, omar2, false);
    await waitForText(driver, 'toast', 'visas inte som dubbletter igen');
    const toolbar = await find(driver, 'duplicates-toolbar');
    const before = await toolbar.getAttribute('data-scanned');
    await pressTest(driver, 'duplicates-scan');
    await driver.wait(
      async () => {
        const bar = await driver.findElement(byTest('duplicates-toolbar'));
        return (await bar.getAttribute('data-scanned')) !== before && (await bar.getAttribute('data-running')) === 'false';
      },
      30000,
      'waiting for the new scan',
    );
    assert.equal(await pairIndex(driver, omar1, omar2), -1, 'the dismissed pair stays out');
    assert.notEqual(await pairIndex(driver, sara1, sara2), -1, 'the other pair is still there');
  } catch (e) {
    await screenshot(driver, 'failure-duplicates').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
