// Settling in, in the real window. A household that has arrived shows the welcome checklist
// and its 6- and 12-month check-ins; an item is ticked; the 6-month check-in is recorded
// (still here), which moves it to the six-month stage; it becomes an ambassador with the
// story/photo consent text read in English, a story and a fair; a second household is linked
// as referred by it; a third household is recorded as moved away, with the reason.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import { byTest, choose, find, inDialog, invoke, openApp, press, pressTest, screenshot, snapshot, startDriver, waitForDialogClosed, waitForText } from './driver.mjs';

let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

async function onboard(driver) {
  await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
  await (await find(driver, 'onboarding-start')).click();
  await (await find(driver, 'onboarding-empty')).click();
  await driver.wait(until.elementLocated(By.css('nav a[href="#/households"]')), 15000);
}

/** Opens a household's page and waits for its settling-in section to have loaded. */
async function openHousehold(driver, id) {
  await driver.executeScript('location.hash = arguments[0]', `#/households/${id}`);
  const section = await find(driver, 'household-integration');
  await driver.wait(
    async () => (await section.findElements(byTest('checklist'))).length > 0,
    15000,
    'waiting for the settling-in section to load',
  );
}

/**
 * A radio drawn as a segmented button: the input itself is transparent (its label is what
 * shows), so WebDriver calls it invisible; find it without the visibility check.
 */
async function segment(driver, testId) {
  return driver.wait(
    until.elementLocated(By.css(`dialog[open] [data-testid="${testId}"]`)),
    15000,
    `waiting for ${testId} in the open dialog`,
  );
}

async function waitForAttribute(driver, el, name, value, what) {
  await driver.wait(async () => (await el.getAttribute(name)) === value, 15000, what);
}

async function household(driver, first, last, stage) {
  const saved = await invoke(driver, 'create_household', {
    input: {
      name: '',
      members: [
        { id: null, first_name: first, last_name: last, role: 'adult', birth_year: 1988, languages: ['svenska'], profession: 'Sjuksköterska', emails: [], phones: [] },
      ],
      desired_municipalities: ['Östersund'],
      source: '',
      source_event_id: null,
      tags: [],
      interests: [],
      notes: '',
      owner_id: null,
      stage: null,
      time_frame: null,
    },
  });
  if (stage) {
    await invoke(driver, 'move_stage', { input: { household_id: saved.id, to_stage: stage, reason: null, arrived_on: null } });
  }
  return { id: saved.id, name: `${first} ${last}` };
}

test('an arrived household is followed up, becomes an ambassador and refers a friend; another moves away', async () => {
  const driver = await openApp(mkdtempSync(join(tmpdir(), 'landa-e2e-integrate-')));
  try {
    await onboard(driver);
    const today = (await invoke(driver, 'session')).today;
    const astrid = await household(driver, 'Astrid', 'Lind', 'arrived');
    const omar = await household(driver, 'Omar', 'Berg', null);
    const lena = await household(driver, 'Lena', 'Ek', 'arrived');
    await invoke(driver, 'create_event', {
      input: {
        kind: 'fair', name: 'Jobbmässan Stockholm', starts_on: today, ends_on: null, place: 'Stockholm',
        organiser_id: null, cost: '', four_t: ['talent'], participant_ids: [], notes: '', follow_up_days: null,
      },
    });

    // Arrival made the welcome checklist into tasks and booked both check-ins.
    await openHousehold(driver, astrid.id);
    await waitForText(driver, 'checklist-item', 'Bostad ordnad');
    await waitForText(driver, 'checklist-item', 'Värd matchad');
    await waitForText(driver, 'check-in-6', '6 månader');
    await waitForText(driver, 'check-in-12', '12 månader');
    await snapshot(driver, 'integrate-arrived');

    // Ticking an item marks it done at once, and in the backend.
    const items = await driver.findElements(byTest('checklist-item'));
    let housing;
    for (const item of items) {
      if (((await item.getAttribute('textContent')) ?? '').includes('Bostad ordnad')) housing = item;
    }
    assert.ok(housing, 'the housing item is listed');
    await press(driver, await housing.findElement(byTest('checklist-check')));
    await driver.wait(
      async () => {
        for (const item of await driver.findElements(By.css('[data-testid="checklist-item"][data-done="true"]'))) {
          if (((await item.getAttribute('textContent')) ?? '').includes('Bostad ordnad')) return true;
        }
        return false;
      },
      15000,
      'the housing item shown as done',
    );
    await driver.wait(
      async () => {
        const info = await invoke(driver, 'household_integration', { householdId: astrid.id });
        return info.checklist.some((t) => t.title === 'Bostad ordnad' && t.done_at !== null);
      },
      15000,
      'the housing item saved as done',
    );

    // The 6-month check-in: still here. The household moves to the six-month stage.
    await pressTest(driver, 'check-in-record');
    const six = await inDialog(driver, 'check-in-months-6');
    assert.equal(await six.isSelected(), true, 'the first open check-in is chosen');
    const staying = await segment(driver, 'check-in-outcome-staying');
    assert.equal(await staying.isSelected(), true, 'staying is the default outcome');
    assert.equal((await driver.findElements(By.css('dialog[open] [data-testid="check-in-reason"]'))).length, 0, 'no reason asked for a household that stays');
    await (await inDialog(driver, 'check-in-note')).sendKeys('Trivs bra, barnen har fått förskoleplats.');
    await snapshot(driver, 'integrate-check-in-dialog');
    await (await inDialog(driver, 'check-in-save')).click();
    await waitForDialogClosed(driver);
    await waitForText(driver, 'household-stage', 'Sexmånaderssamtal');
    await waitForAttribute(driver, await find(driver, 'check-in-6'), 'data-state', 'done', 'the 6-month check-in shown as done');
    await waitForText(driver, 'timeline-item', 'Trivs bra, barnen har fått förskoleplats.');

    // Ambassador: the whole consent text is shown in the language the person read.
    await pressTest(driver, 'ambassador-make');
    const texts = await invoke(driver, 'consent_texts');
    const storyText = texts.find((t) => t.purpose === 'story_and_photo');
    await waitForText(driver, 'ambassador-consent-text', storyText.text_sv);
    // The segment's label is what the user clicks.
    await (await segment(driver, 'ambassador-language-en')).findElement(By.xpath('..')).click();
    await waitForText(driver, 'ambassador-consent-text', storyText.text_en);
    await choose(driver, await inDialog(driver, 'ambassador-method'), 'verbal');
    await (await inDialog(driver, 'ambassador-story-input')).sendKeys('Vi kom för jobbet och stannade för människorna.');
    // Not saved until the coordinator confirms the person agreed to the text.
    await (await inDialog(driver, 'ambassador-save')).click();
    await driver.wait(
      until.elementLocated(By.xpath("//dialog[@open]//*[contains(., 'Bekräfta att personen har läst och godkänt texten.')]")),
      15000,
      'the agreement is asked for',
    );
    await (await inDialog(driver, 'ambassador-agreed')).click();
    await snapshot(driver, 'integrate-ambassador-dialog');
    await (await inDialog(driver, 'ambassador-save')).click();
    await waitForDialogClosed(driver);
    await waitForText(driver, 'household-stage', 'Ambassadör');
    await waitForText(driver, 'ambassador-story', 'Vi kom för jobbet och stannade för människorna.');
    await waitForText(driver, 'ambassador-consent', 'Samtycke till berättelse och bild finns');
    const detail = await invoke(driver, 'household', { id: astrid.id });
    const consent = detail.consents.find((c) => c.purpose === 'story_and_photo');
    assert.equal(consent?.text_version, `v${storyText.version}-en`, 'the consent keeps the text version and language read');
    assert.equal(consent?.method, 'verbal');

    // The ambassador meets prospects at a fair.
    const picker = await find(driver, 'ambassador-event-select');
    const fairId = await picker.findElement(By.xpath(".//option[contains(., 'Jobbmässan Stockholm')]")).getAttribute('value');
    await choose(driver, picker, fairId);
    await pressTest(driver, 'ambassador-event-add');
    await waitForText(driver, 'ambassador-event', 'Jobbmässan Stockholm');
    await snapshot(driver, 'integrate-ambassador');

    // A friend they told about the region: linked from the friend's page.
    await openHousehold(driver, omar.id);
    await pressTest(driver, 'referred-by-choose');
    await (await inDialog(driver, 'referred-by-search')).sendKeys('Lind');
    await driver.wait(
      async () => {
        for (const el of await driver.findElements(By.css('dialog[open] [data-testid="referred-by-choice"]'))) {
          if ((await el.getAttribute('value')) === astrid.id) return true;
        }
        return false;
      },
      15000,
      'the ambassador offered as the referrer',
    );
    for (const el of await driver.findElements(By.css('dialog[open] [data-testid="referred-by-choice"]'))) {
      if ((await el.getAttribute('value')) === astrid.id) {
        await el.click();
        break;
      }
    }
    await (await inDialog(driver, 'referred-by-save')).click();
    await waitForDialogClosed(driver);
    await waitForText(driver, 'referred-by-value', astrid.name);
    // … and the ambassador's page lists the friend.
    await openHousehold(driver, astrid.id);
    await waitForText(driver, 'ambassador-referred', omar.name);

    // A move learnt between check-ins: the reason is required, then the household closes.
    await openHousehold(driver, lena.id);
    await pressTest(driver, 'moved-away-open');
    await (await inDialog(driver, 'check-in-save')).click();
    await driver.wait(
      until.elementLocated(By.xpath("//dialog[@open]//*[contains(., 'Välj varför de flyttade.')]")),
      15000,
      'the reason is asked for',
    );
    await choose(driver, await inDialog(driver, 'check-in-reason'), 'partner_job');
    await snapshot(driver, 'integrate-moved-away-dialog');
    await (await inDialog(driver, 'check-in-save')).click();
    await waitForDialogClosed(driver);
    await waitForText(driver, 'household-stage', 'Har flyttat härifrån');
    await waitForText(driver, 'moved-away-reason', 'Partnern fick inget jobb');
    // Closed: no more check-ins or ambassador offers for this household.
    assert.equal((await driver.findElements(byTest('check-in-record'))).length, 0);
    assert.equal((await driver.findElements(byTest('ambassador-make'))).length, 0);
    await snapshot(driver, 'integrate-moved-away');
  } catch (e) {
    await screenshot(driver, 'failure-integrate').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
