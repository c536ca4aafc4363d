// Fair mode and the kiosk in the real window: a lead captured by keyboard alone, the duplicate
// warning and attaching to the household it found, and the kiosk's lock — the visitor's form
// is all there is until the staff PIN is given.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { By, Key } from 'selenium-webdriver';
import { byTest, find, openApp, screenshot, startDriver, waitForText } from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-fair-'));
let tauriDriver;
let driver;
let eventId;

/** Calls a backend command the way the UI does; only for setting up data the test needs. */
async function invoke(command, args) {
  const result = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then(
       (data) => done({ data }),
       (error) => done({ error }),
     );`,
    command,
    args,
  );
  if (result.error) throw new Error(`${command}: ${JSON.stringify(result.error)}`);
  return result.data;
}

async function go(hash) {
  await driver.executeScript('location.hash = arguments[0]', hash);
}

async function activeTestId() {
  return driver.executeScript("return document.activeElement?.getAttribute('data-testid') ?? null");
}

async function valueOf(id) {
  return (await find(driver, id)).getAttribute('value');
}

/** Waits until the element with the test id has exactly `text` as its text content. */
async function waitForExact(id, text) {
  await driver.wait(
    async () => ((await (await find(driver, id)).getAttribute('textContent')) ?? '').trim() === text,
    15000,
    `waiting for [data-testid=${id}] to be "${text}"`,
  );
}

/** Households whose name or contact matches `query`, as the households list would show. */
async function householdsMatching(query) {
  const page = await invoke('list_households', {
    filter: { query, phase: null, stage: null, municipality: null, tag: null, owner_id: null, limit: null, offset: null },
  });
  return page.items ?? page.rows ?? page.households ?? [];
}

before(async () => {
  tauriDriver = await startDriver();
  driver = await openApp(dataDir);
  // First run, empty start.
  await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
  await (await find(driver, 'onboarding-start')).click();
  await (await find(driver, 'onboarding-empty')).click();
  await driver.wait(async () => (await driver.findElements(By.css('nav'))).length > 0, 15000, 'waiting for the app');
  const today = await driver.executeScript('return new Date().toLocaleDateString("sv-SE")');
  eventId = await invoke('create_event', {
    input: {
      kind: 'fair',
      name: 'Jobbmässan Stockholm',
      starts_on: today,
      ends_on: null,
      place: 'Stockholm',
      organiser_id: null,
      cost: '',
      four_t: ['talent'],
      participant_ids: [],
      notes: '',
      follow_up_days: 3,
    },
  });
});

after(async () => {
  await driver?.quit().catch(() => {});
  tauriDriver?.kill();
});

async function withScreenshot(name, body) {
  try {
    await body();
  } catch (e) {
    await screenshot(driver, `failure-${name}`).catch(() => {});
    throw e;
  }
}

test('fair mode: a lead captured by keyboard alone', () =>
  withScreenshot('fair-keyboard', async () => {
    // In from the event page, as staff would.
    await go(`#/events/${eventId}`);
    await (await find(driver, 'fair-open')).click();
    await waitForText(driver, 'fair-count', 'Leads i dag:');
    await waitForExact('fair-count-value', '0');
    await waitForText(driver, 'fair-follow-up', 'Uppföljning om 3 dagar');
    // The first field has focus as the screen opens: staff start typing at once.
    await driver.wait(async () => (await activeTestId()) === 'fair-first-name', 15000, 'focus in the first field');
    // Only keys from here on: first, last, profession, three partner fields skipped, email,
    // phone, two children with ages, municipalities, a time frame, the note, one consent.
    await driver
      .actions()
      .sendKeys('Astrid', Key.TAB, 'Öhman', Key.TAB, 'Sjuksköterska')
      .sendKeys(Key.TAB, Key.TAB, Key.TAB, Key.TAB)
      .sendKeys('astrid@example.se', Key.TAB, '070-123 45 67', Key.TAB)
      .sendKeys('2', Key.TAB, '4', Key.TAB, '9', Key.TAB)
      .sendKeys('Östersund, Åre', Key.TAB, Key.ARROW_RIGHT, Key.ARROW_RIGHT, Key.TAB)
      .sendKeys('Vill jobba på sjukhuset', Key.TAB, Key.SPACE)
      .perform();
    assert.equal(await activeTestId(), 'consent-contact_about_moving', 'Tab order ends at the consents');
    assert.equal(await (await find(driver, 'consent-contact_about_moving')).isSelected(), true);
    assert.equal(await valueOf('fair-child-age-1'), '9');
    await driver.actions().sendKeys(Key.ENTER).perform();

    await waitForText(driver, 'fair-saved', 'Sparat: Astrid Öhman');
    await waitForExact('fair-count-value', '1');
    // Cleared for the next visitor, with focus back in the first field.
    assert.equal(await valueOf('fair-first-name'), '');
    assert.equal(await valueOf('fair-email'), '');
    assert.equal((await driver.findElements(byTest('fair-child-age-0'))).length, 0);
    assert.equal(await activeTestId(), 'fair-first-name');
    await screenshot(driver, 'fair-saved');

    // With the form empty, Escape goes back to the event.
    await driver.actions().sendKeys(Key.ESCAPE).perform();
    await driver.wait(
      async () => (await driver.executeScript('return location.hash')) === `#/events/${eventId}`,
      15000,
      'Escape returns to the event page',
    );

    // The household exists, as a new lead, with what was typed.
    const found = await householdsMatching('Öhman');
    assert.equal(found.length, 1, 'one household for Astrid');
    await go(`#/households/${found[0].id}`);
    await waitForText(driver, 'household-name', 'Astrid Öhman');
    await waitForText(driver, 'household-stage', 'Lead registrerad');
    const detail = await invoke('household', { id: found[0].id });
    assert.deepEqual(detail.desired_municipalities, ['Östersund', 'Åre']);
    assert.equal(detail.time_frame, 'within_1_year', 'two steps right from "not asked"');
    assert.equal(detail.members.filter((m) => m.role === 'child').length, 2);
    assert.equal(detail.consents.length, 1);
    assert.equal(detail.consents[0].purpose, 'contact_about_moving');
  }));

test('fair mode: an email already known warns, and the talk attaches to that household', () =>
  withScreenshot('fair-duplicate', async () => {
    await go(`#/fair/${eventId}`);
    await driver.wait(async () => (await activeTestId()) === 'fair-first-name', 15000, 'focus in the first field');
    await driver.actions().sendKeys('Astrid', Key.TAB, 'Öhman').perform();
    await (await find(driver, 'fair-email')).sendKeys('ASTRID@example.se');
    await waitForText(driver, 'fair-match', 'Astrid Öhman');
    await waitForText(driver, 'fair-match', 'Lead registrerad');
    await screenshot(driver, 'fair-duplicate-warning');

    // Keyboard reachable: Tab from the phone field lands on the attach button.
    await (await find(driver, 'fair-phone')).click();
    await driver.actions().sendKeys(Key.TAB).perform();
    assert.equal(await activeTestId(), 'fair-attach');
    await driver.actions().sendKeys(Key.ENTER).perform();
    await waitForText(driver, 'fair-attach-panel', 'Inget nytt hushåll skapas');
    await waitForText(driver, 'fair-save', 'Spara på Astrid Öhman');

    // Undo and redo, then save with Enter from a field.
    await (await find(driver, 'fair-attach-undo')).click();
    await find(driver, 'fair-attach');
    await (await find(driver, 'fair-attach')).click();
    await find(driver, 'fair-attach-panel');
    await (await find(driver, 'fair-email')).sendKeys(Key.ENTER);

    await waitForText(driver, 'fair-saved', 'Sparat på Astrid Öhman');
    await waitForExact('fair-count-value', '2');
    const found = await householdsMatching('Öhman');
    assert.equal(found.length, 1, 'no second household for Astrid');
    const detail = await invoke('household', { id: found[0].id });
    assert.equal(detail.timeline.filter((i) => i.kind === 'fair_talk').length, 2, 'both fair talks on one household');
  }));

test('consent texts: a new version is published and fair mode shows it', () =>
  withScreenshot('consent-texts', async () => {
    await go(`#/events/${eventId}`);
    await (await find(driver, 'consent-texts-open')).click();
    const section = await find(driver, 'consent-text-newsletter');
    await waitForText(driver, 'consent-text-newsletter', 'Version 1');
    await (await section.findElement(byTest('consent-new-version'))).click();
    const sv = await find(driver, 'consent-edit-sv');
    await sv.clear();
    await sv.sendKeys('Jag vill få nyhetsbrevet om att bo och jobba här, ungefär en gång i månaden.');
    const en = await find(driver, 'consent-edit-en');
    await en.clear();
    await en.sendKeys('I want the newsletter about living and working here, about once a month.');
    await (await find(driver, 'consent-publish')).click();
    await waitForText(driver, 'consent-text-newsletter', 'Version 2');
    await waitForText(driver, 'consent-text-newsletter', 'Tidigare versioner (1)');
    await screenshot(driver, 'consent-texts-published');
    await driver.actions().sendKeys(Key.ESCAPE).perform();

    await go(`#/fair/${eventId}`);
    await waitForText(driver, 'consent-text-newsletter', 'ungefär en gång i månaden');
    await (await find(driver, 'fair-language-en')).click();
    await waitForText(driver, 'consent-text-newsletter', 'about once a month');
    await (await find(driver, 'fair-language-sv')).click();
  }));

test('kiosk: only the visitor form, whatever the address says; a visitor registers', () =>
  withScreenshot('kiosk-lock', async () => {
    await go(`#/fair/${eventId}`);
    await (await find(driver, 'kiosk-start')).click();
    await (await find(driver, 'kiosk-start-pin')).sendKeys('2468');
    await (await find(driver, 'kiosk-start-pin-again')).sendKeys('2468');
    await (await find(driver, 'kiosk-start-confirm')).click();

    await waitForText(driver, 'kiosk-welcome', 'Välkommen till Jobbmässan Stockholm!');
    assert.equal((await driver.findElements(By.css('nav'))).length, 0, 'no navigation in the kiosk');
    assert.equal((await driver.findElements(byTest('fair-mode'))).length, 0);

    await go('#/households');
    // Give the router a moment to act on the hash, then check nothing else appeared.
    await driver.executeAsyncScript('const done = arguments[0]; requestAnimationFrame(() => setTimeout(done, 300));');
    await find(driver, 'kiosk-welcome');
    assert.equal((await driver.findElements(By.css('nav'))).length, 0, 'still no navigation');
    assert.equal((await driver.findElements(byTest('household-search'))).length, 0, 'no household list');
    // Escape does not leave either.
    await driver.actions().sendKeys(Key.ESCAPE).perform();
    await find(driver, 'kiosk-welcome');

    // A visitor, in English: the consent text shown and sent is the English one.
    await (await find(driver, 'kiosk-language-en')).click();
    await waitForText(driver, 'kiosk-welcome', 'Welcome to Jobbmässan Stockholm!');
    await (await find(driver, 'kiosk-first-name')).sendKeys('Ingrid');
    await (await find(driver, 'kiosk-last-name')).sendKeys('Berg');
    await (await find(driver, 'kiosk-email')).sendKeys('ingrid.berg@example.no');
    await (await find(driver, 'kiosk-children-plus')).click();
    await (await find(driver, 'kiosk-child-age-0')).sendKeys('6');
    await (await find(driver, 'kiosk-time-frame-within_2_years')).click();
    const consentText = await (await find(driver, 'consent-text-contact_about_moving')).getAttribute('lang');
    assert.equal(consentText, 'en');
    await (await find(driver, 'consent-contact_about_moving')).click();
    await screenshot(driver, 'kiosk-filled-en');
    await (await find(driver, 'kiosk-submit')).click();

    await waitForText(driver, 'kiosk-thanks', 'Thank you, Ingrid!');
    await (await find(driver, 'kiosk-next')).click();
    await waitForText(driver, 'kiosk-welcome', 'Välkommen till Jobbmässan Stockholm!');
    assert.equal(await valueOf('kiosk-first-name'), '', 'the next visitor sees an empty form');
    assert.equal(await valueOf('kiosk-email'), '');
    assert.equal((await driver.findElements(byTest('kiosk-child-age-0'))).length, 0);
  }));

test('kiosk: a wrong PIN is refused, the right one returns to the app', () =>
  withScreenshot('kiosk-pin', async () => {
    await (await find(driver, 'kiosk-staff')).click();
    await (await find(driver, 'kiosk-pin')).sendKeys('0000', Key.ENTER);
    await waitForText(driver, 'kiosk-pin-problem', 'Fel PIN-kod');
    await find(driver, 'kiosk-welcome');
    assert.equal((await driver.findElements(By.css('nav'))).length, 0, 'still locked');

    // The pad works too: 2, 4, 6, 8 and Unlock.
    for (const d of ['2', '4', '6', '8']) await (await find(driver, `kiosk-pin-key-${d}`)).click();
    await (await find(driver, 'kiosk-pin-ok')).click();
    await driver.wait(async () => (await driver.findElements(By.css('nav'))).length > 0, 15000, 'back in the app');
    assert.equal((await driver.findElements(byTest('kiosk'))).length, 0);

    // The visitor's registration is there, self-registered, with the English consent text.
    const found = await householdsMatching('Ingrid');
    assert.equal(found.length, 1);
    const detail = await invoke('household', { id: found[0].id });
    assert.equal(detail.self_registered, true);
    assert.equal(detail.stage, 'lead_captured');
    assert.match(detail.consents[0].text_version, /-en$/);
  }));
