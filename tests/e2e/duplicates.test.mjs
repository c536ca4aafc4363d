// Duplicates in the real window: two households for the same Sara (same name and municipality,
// different emails, each with a logged call) are found by the scan, merged with one field taken
// from the merged household, and the kept household has both timelines; the merge is undone
// from its notice and both households are back. Another pair is marked "Inte dubbletter" and
// stays out of the next scan. Two organisations for the same employer (no scan finds those) are
// merged from the first one's page: its merge action picks the other by keyboard, the merge
// screen merges, the other is gone and its contact person moved; undone from the notice.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, Key } from 'selenium-webdriver';
import { byTest, find, inDialog, invoke, openApp, press, pressTest, screenshot, snapshot, startDriver, waitForText } from './driver.mjs';

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

const organisation = (name, extra = {}) => ({
  name,
  kind: 'employer',
  municipality: '',
  website: '',
  email: '',
  phone: '',
  participating: false,
  participating_since: null,
  notes: '',
  ...extra,
});

async function organisationIds(driver) {
  const rows = await invoke(driver, 'list_organisations', { filter: { query: null, kind: null, participating_only: false } });
  return rows.map((r) => r.id);
}

test('two organisations are merged from the organisation page, and the merge is undone', async () => {
  const orgDir = mkdtempSync(join(tmpdir(), 'landa-e2e-merge-organisations-'));
  const driver = await openApp(orgDir);
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await (await find(driver, 'onboarding-start')).click();
    await (await find(driver, 'onboarding-empty')).click();

    // The same employer twice: typed in by hand, and again (with its website) from a list.
    const kept = await invoke(driver, 'create_organisation', {
      input: organisation('Jämtkraft AB', { municipality: 'Östersund', email: 'info@jamtkraft.se' }),
    });
    const merged = await invoke(driver, 'create_organisation', {
      input: organisation('Jämtkraft', { website: 'https://www.jamtkraft.se', phone: '063-14 90 00' }),
    });
    await invoke(driver, 'add_contact_person', {
      input: { organisation_id: merged, name: 'Lena Holm', role: 'hr', title: 'HR-chef', email: '', phone: '', notes: '' },
    });

    const keptBefore = await invoke(driver, 'organisation', { id: kept });
    await driver.executeScript(`location.hash = '#/organisations/${kept}'`);
    await pressTest(driver, 'organisation-merge');

    // Keyboard only: focus starts in the search, Enter picks the top match, Enter goes on.
    const search = await inDialog(driver, 'organisation-merge-search');
    await driver.wait(
      async () => (await driver.executeScript("return document.activeElement?.dataset.testid")) === 'organisation-merge-search',
      15000,
      'waiting for focus in the search field',
    );
    const label = await driver.executeScript(
      "const el = document.activeElement; return document.querySelector(`label[for='${el.id}']`)?.textContent.trim();",
    );
    assert.equal(label, 'Sök organisation att slå ihop med', 'the search field has a label for screen readers');
    await search.sendKeys('jämtkraft');
    await driver.wait(
      async () =>
        (await driver.executeScript(
          "return [...document.querySelectorAll('dialog[open] [data-testid=\"organisation-merge-option\"]')].map((o) => o.dataset.id).join(',')",
        )) === merged,
      15000,
      'waiting for the other organisation, and only it, to be listed',
    );
    await search.sendKeys(Key.ENTER);
    const option = await inDialog(driver, 'organisation-merge-option');
    await driver.wait(async () => option.findElement(By.css('input')).then((i) => i.isSelected()), 15000, 'waiting for the pick');
    await snapshot(driver, 'organisation-merge-pick');
    await search.sendKeys(Key.ENTER);

    // The merge screen: this organisation kept, the other going up in it.
    await find(driver, 'merge-form');
    assert.equal(
      await driver.executeScript('return location.hash'),
      `#/duplicates/merge?entity=organisations&kept=${kept}&merged=${merged}`,
    );
    await waitForText(driver, 'merge-kept-name', 'Jämtkraft AB');
    await waitForText(driver, 'merge-merged-name', 'Jämtkraft');
    await waitForText(driver, 'merge-moves-summary', '1 kontaktperson');
    // The website is only on the other one: it wins without being chosen.
    assert.equal(await (await find(driver, 'merge-choice-website-merged')).isSelected(), true);
    await snapshot(driver, 'merge-organisations');
    await pressTest(driver, 'merge-confirm');

    await driver.wait(
      async () => (await driver.executeScript('return location.hash')) === `#/organisations/${kept}`,
      15000,
      'waiting for the kept organisation',
    );
    const ids = await organisationIds(driver);
    assert.ok(ids.includes(kept), 'the kept organisation remains');
    assert.ok(!ids.includes(merged), 'the merged organisation is gone from the list');
    const one = await invoke(driver, 'organisation', { id: kept });
    assert.equal(one.website, 'https://www.jamtkraft.se', 'the website taken from the merged one');
    assert.equal(one.email, 'info@jamtkraft.se', 'the kept email stays');
    assert.deepEqual(one.contacts.map((c) => c.name), ['Lena Holm'], 'the contact person moved');
    await waitForText(driver, 'contact-person', 'Lena Holm');

    // Undo from the notice: the other organisation is back with its contact person.
    await pressTest(driver, 'toast-action');
    await driver.wait(async () => (await organisationIds(driver)).includes(merged), 15000, 'waiting for the undo');
    await waitForText(driver, 'toast', 'Sammanslagningen är ångrad');
    const back = await invoke(driver, 'organisation', { id: merged });
    assert.deepEqual(back.contacts.map((c) => c.name), ['Lena Holm'], 'the contact person went back');
    const keptAgain = await invoke(driver, 'organisation', { id: kept });
    assert.equal(keptAgain.website, keptBefore.website, 'the kept organisation is as it was');
    assert.equal(keptAgain.contacts.length, 0);
  } catch (e) {
    await screenshot(driver, 'failure-merge-organisations').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
