// After the fair, in the real window: an event with three leads (set up through IPC), then the
// coordinator's clean-up on the event page — owner, stage (with a skipped lead and a retry with
// a reason), follow-up date, reviewed, a duplicate marked, cleared and marked again — and the
// CSV export, checked on disk.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { By, Key } from 'selenium-webdriver';
import { byTest, find, openApp, screenshot, startDriver, waitForText } from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-reconcile-'));
let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

/** Calls a backend command the way the UI does; test setup only. */
async function invoke(driver, command, args) {
  const reply = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
       .then((ok) => done({ ok }), (err) => done({ err }));`,
    command,
    args,
  );
  if (reply.err !== undefined) throw new Error(`${command} failed: ${JSON.stringify(reply.err)}`);
  return reply.ok;
}

function lead(eventId, first, last, email) {
  return {
    input: {
      event_id: eventId,
      lead: {
        adults: [{ first_name: first, last_name: last, profession: '' }],
        email,
        phone: '',
        children: [],
        municipalities: [],
        time_frame: null,
        note: '',
        consents: [],
      },
      attach_to_household_id: null,
      follow_up_title: 'Följ upp',
    },
  };
}

const rowCss = (name) => `[data-testid="lead-row"][data-name="${name}"]`;

async function row(driver, name) {
  return find(driver, 'reconcile-section').then((section) =>
    driver.wait(async () => (await section.findElements(By.css(rowCss(name))))[0], 15000, `row ${name}`),
  );
}

/** Waits until the row's cell with test id `id` contains `text` (after the list reloads). */
async function waitForCell(driver, name, id, text) {
  await driver.wait(
    async () => {
      const cells = await driver.findElements(By.css(`${rowCss(name)} [data-testid="${id}"]`));
      for (const cell of cells) {
        if (((await cell.getAttribute('textContent')) ?? '').includes(text)) return true;
      }
      return false;
    },
    15000,
    `waiting for ${id} of ${name} to show "${text}"`,
  );
}

/** Chooses a row with the keyboard: Space on its checkbox. */
async function select(driver, name) {
  const box = await (await row(driver, name)).findElement(By.css('[data-testid="lead-select"]'));
  if (!(await box.isSelected())) await box.sendKeys(Key.SPACE);
  await driver.wait(async () => box.isSelected(), 5000, `selecting ${name}`);
}

const activeTestId = (driver) =>
  driver.executeScript('return document.activeElement?.getAttribute("data-testid") ?? null');

async function chooseOption(driver, testId, text) {
  const el = await find(driver, testId);
  await el.findElement(By.xpath(`.//option[normalize-space()="${text}"]`)).click();
}

/** The dialog is gone (the section behind it is usable again). */
async function waitForNoDialog(driver) {
  await driver.wait(
    async () => driver.executeScript('return document.querySelector("dialog[open]") === null'),
    15000,
    'waiting for the dialog to close',
  );
}

test('leads of a fair are cleaned up in bulk and exported', async () => {
  const driver = await openApp(dataDir);
  let exported = null;
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await (await find(driver, 'onboarding-start')).click();
    await (await find(driver, 'onboarding-empty')).click();
    await find(driver, 'global-search');

    // Test setup through IPC: a second coordinator, the fair and three leads, two of them
    // with the same email (the same person captured twice, the name typed differently).
    await invoke(driver, 'create_user', { name: 'Ahmed Yousef' });
    const eventId = await invoke(driver, 'create_event', {
      input: {
        kind: 'fair',
        name: 'Jobbmässan Umeå',
        starts_on: '2026-11-20',
        ends_on: null,
        place: '',
        organiser_id: null,
        cost: '',
        four_t: ['talent'],
        participant_ids: [],
        notes: '',
        follow_up_days: 3,
      },
    });
    await invoke(driver, 'capture_lead', lead(eventId, 'Maja', 'Eriksson', 'maja.eriksson@example.com'));
    await invoke(driver, 'capture_lead', lead(eventId, 'Maja', 'Ericsson', 'maja.eriksson@example.com'));
    await invoke(driver, 'capture_lead', lead(eventId, 'Jonas', 'Pettersson', 'jonas.p@example.com'));

    // A reload picks up the new coordinator in the session; then the event page.
    await driver.executeScript(
      `window.__beforeReload = true; location.hash = '#/events/${eventId}'; location.reload()`,
    );
    await driver.wait(
      async () => driver.executeScript("return window.__beforeReload === undefined && document.readyState === 'complete'"),
      15000,
      'waiting for the reload',
    );
    await find(driver, 'reconcile-section');
    await waitForText(driver, 'count-total', '3');
    await waitForText(driver, 'lead-possible-duplicate', 'Maja Eriksson');

    // Two leads chosen; the header box is then mixed.
    await select(driver, 'Maja Eriksson');
    await select(driver, 'Jonas Pettersson');
    await waitForText(driver, 'reconcile-selected-count', '2 markerade');
    const all = await find(driver, 'lead-select-all');
    assert.equal(await all.getAttribute('indeterminate'), 'true', 'select all shows a mixed state');
    assert.equal(
      await (await row(driver, 'Maja Eriksson'))
        .findElement(By.css('[data-testid="lead-select"]'))
        .getAttribute('aria-label'),
      'Markera Maja Eriksson',
    );

    // Assign owner.
    await (await find(driver, 'bulk-assign-owner')).sendKeys(Key.ENTER);
    await chooseOption(driver, 'reconcile-owner-select', 'Ahmed Yousef');
    await (await find(driver, 'reconcile-owner-confirm')).sendKeys(Key.ENTER);
    await waitForNoDialog(driver);
    await waitForText(driver, 'reconcile-status', '2 uppdaterade');
    await waitForCell(driver, 'Maja Eriksson', 'lead-owner', 'Ahmed Yousef');
    await waitForCell(driver, 'Jonas Pettersson', 'lead-owner', 'Ahmed Yousef');
    await waitForCell(driver, 'Maja Ericsson', 'lead-owner', 'Karin Lindgren');
    await waitForText(driver, 'reconcile-selected-count', '2 markerade');

    // Move stage to "Kontaktad": Enter on the bulk bar button puts focus in the dialog's
    // stage select; Enter on the confirm button moves.
    await (await find(driver, 'bulk-move-stage')).sendKeys(Key.ENTER);
    await find(driver, 'reconcile-stage-select');
    await driver.wait(async () => (await activeTestId(driver)) === 'reconcile-stage-select', 5000, 'focus in the dialog');
    await chooseOption(driver, 'reconcile-stage-select', 'Kontaktad');
    await (await find(driver, 'reconcile-stage-confirm')).sendKeys(Key.ENTER);
    await waitForNoDialog(driver);
    await waitForCell(driver, 'Maja Eriksson', 'lead-stage', 'Kontaktad');
    await waitForCell(driver, 'Jonas Pettersson', 'lead-stage', 'Kontaktad');
    await waitForCell(driver, 'Maja Ericsson', 'lead-stage', 'Lead registrerad');

    // All three to "Kontaktad": two are already there and are reported as skipped.
    await (await find(driver, 'lead-select-all')).sendKeys(Key.SPACE);
    await waitForText(driver, 'reconcile-selected-count', '3 markerade');
    await (await find(driver, 'bulk-move-stage')).sendKeys(Key.ENTER);
    await chooseOption(driver, 'reconcile-stage-select', 'Kontaktad');
    await (await find(driver, 'reconcile-stage-confirm')).sendKeys(Key.ENTER);
    await waitForText(driver, 'reconcile-skipped', 'Står redan i det steget');
    await waitForText(driver, 'reconcile-skip-group', 'Maja Eriksson');
    await (await find(driver, 'reconcile-skipped-close')).sendKeys(Key.ENTER);
    await waitForNoDialog(driver);
    await waitForCell(driver, 'Maja Ericsson', 'lead-stage', 'Kontaktad');

    // Back to "Lead registrerad" for one: moving backwards needs a reason; give it and retry.
    await (await find(driver, 'bulk-clear')).sendKeys(Key.ENTER);
    await select(driver, 'Maja Ericsson');
    await (await find(driver, 'bulk-move-stage')).sendKeys(Key.ENTER);
    await chooseOption(driver, 'reconcile-stage-select', 'Lead registrerad');
    await (await find(driver, 'reconcile-stage-confirm')).sendKeys(Key.ENTER);
    await waitForText(driver, 'reconcile-skipped', 'Behöver en anledning');
    const reason = await find(driver, 'reconcile-reason');
    await reason.sendKeys('Flyttades av misstag', Key.ENTER);
    await waitForNoDialog(driver);
    await waitForCell(driver, 'Maja Ericsson', 'lead-stage', 'Lead registrerad');

    // Follow-up date for the first two.
    await (await find(driver, 'bulk-clear')).sendKeys(Key.ENTER);
    await select(driver, 'Maja Eriksson');
    await select(driver, 'Jonas Pettersson');
    await (await find(driver, 'bulk-follow-up')).sendKeys(Key.ENTER);
    const date = await find(driver, 'reconcile-follow-up-date');
    // WebKitGTK's date input types in the system locale's order; set the value as the UI does.
    await driver.executeScript(
      `arguments[0].value = '2026-12-01'; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));`,
      date,
    );
    await (await find(driver, 'reconcile-follow-up-confirm')).sendKeys(Key.ENTER);
    await waitForNoDialog(driver);
    for (const name of ['Maja Eriksson', 'Jonas Pettersson']) {
      await driver.wait(
        async () =>
          (await (await row(driver, name))
            .findElement(By.css('[data-testid="lead-follow-up"]'))
            .getAttribute('data-due')) === '2026-12-01',
        15000,
        `follow-up of ${name}`,
      );
    }

    // Mark reviewed.
    await (await find(driver, 'bulk-mark-reviewed')).sendKeys(Key.ENTER);
    await waitForCell(driver, 'Maja Eriksson', 'lead-badges', 'Granskad');
    await waitForCell(driver, 'Jonas Pettersson', 'lead-badges', 'Granskad');

    // The second Maja is a duplicate of the first: decided from the badge, cleared, and
    // marked again through the household search.
    const twin = await row(driver, 'Maja Ericsson');
    await twin.findElement(By.css('[data-testid="lead-decide-duplicate"]')).sendKeys(Key.ENTER);
    await (await find(driver, 'duplicate-confirm')).sendKeys(Key.ENTER);
    await waitForNoDialog(driver);
    await waitForCell(driver, 'Maja Ericsson', 'lead-duplicate-of', 'Maja Eriksson');
    await waitForText(driver, 'count-duplicates', '1');

    await (await (await row(driver, 'Maja Ericsson')).findElement(By.css('[data-testid="lead-not-duplicate"]'))).sendKeys(Key.ENTER);
    await waitForText(driver, 'reconcile-status', 'inte längre markerad som dubblett');
    await waitForText(driver, 'count-duplicates', '0');

    await (await (await row(driver, 'Maja Ericsson')).findElement(By.css('[data-testid="lead-mark-duplicate"]'))).sendKeys(Key.ENTER);
    const search = await find(driver, 'duplicate-search');
    await search.sendKeys('Pettersson');
    // The suggestion (same email) is chosen from the start; the search offers others too.
    await driver.wait(
      async () => (await driver.findElements(byTest('duplicate-choice'))).length === 2,
      15000,
      'a search hit next to the suggestion',
    );
    await (await find(driver, 'duplicate-confirm')).sendKeys(Key.ENTER);
    await waitForNoDialog(driver);
    await waitForCell(driver, 'Maja Ericsson', 'lead-duplicate-of', 'Maja Eriksson');
    await screenshot(driver, 'reconcile-after-cleanup');

    // Export: the toast names the file; it is a Swedish-Excel CSV with a BOM and semicolons.
    await (await find(driver, 'reconcile-export')).sendKeys(Key.ENTER);
    await waitForText(driver, 'reconcile-status', 'exporterade till');
    const toastText = await driver.wait(
      async () => {
        for (const el of await driver.findElements(By.css('section.toasts .toast p'))) {
          const text = (await el.getAttribute('textContent')) ?? '';
          if (text.includes('exporterade till')) return text;
        }
        return false;
      },
      15000,
      'the export toast',
    );
    const match = /^3 leads exporterade till (.+\.csv)$/.exec(toastText.trim());
    assert.ok(match, `toast names the file and the row count: ${toastText}`);
    exported = match[1];
    assert.ok(existsSync(exported), `${exported} exists`);
    const bytes = readFileSync(exported);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
    const [header, ...lines] = bytes.subarray(3).toString('utf8').split('\r\n');
    assert.match(header, /^Namn;Steg;/, 'Swedish headers separated by semicolons');
    assert.ok(
      lines.some((line) => line.startsWith('Maja Ericsson;') && line.includes('Maja Eriksson')),
      'the duplicate names its original',
    );
  } catch (e) {
    await screenshot(driver, 'failure-reconcile').catch(() => {});
    throw e;
  } finally {
    if (exported && existsSync(exported)) rmSync(exported);
    await driver.quit();
  }
});
