// Events in the real window: create a fair with two 4T categories and a cost, find it in the
// list, open it, edit it (including a refused end date), and add a household as an attendee.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { By, until } from 'selenium-webdriver';
import { byTest, find, openApp, screenshot, startDriver, waitForText } from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-events-'));
let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

async function go(driver, section) {
  const link = await driver.wait(until.elementLocated(By.css(`nav a[href="#/${section}"]`)), 15000);
  await link.click();
}

/**
 * Date inputs: WebKitGTK's own date field takes keystrokes in the system locale's field
 * order, which the test cannot know, so the value is set as the page would receive it from
 * a picker: the ISO value plus the `input` event the form listens to.
 */
async function setDate(driver, testId, isoDay) {
  const input = await find(driver, testId);
  await driver.executeScript(
    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
    input,
    isoDay,
  );
}

/** Replaces what a text input holds; typing the new text fires the input event the form binds to. */
async function retype(driver, testId, text) {
  const input = await find(driver, testId);
  await input.clear();
  await input.sendKeys(text);
}

/** Like waitForText, but spaces of any kind match (Intl writes "12 500" with a no-break space). */
async function waitForLooseText(driver, testId, text, timeout = 15000) {
  const loose = (s) => s.normalize('NFC').replace(/\s+/g, ' ');
  await driver.wait(
    async () => {
      for (const el of await driver.findElements(byTest(testId))) {
        if (loose((await el.getAttribute('textContent')) ?? '').includes(loose(text))) return true;
      }
      return false;
    },
    timeout,
    `waiting for [data-testid=${testId}] to show "${text}"`,
  );
}

test('an event is created, listed, edited and gets an attendee', async () => {
  const driver = await openApp(dataDir);
  // Next year, so the event is upcoming (the list's default) whenever the test runs.
  const year = new Date().getFullYear() + 1;
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await (await find(driver, 'onboarding-start')).click();
    await (await find(driver, 'onboarding-empty')).click();

    // A household to add as an attendee later.
    await go(driver, 'households');
    await (await find(driver, 'new-household')).click();
    await (await find(driver, 'member-0-first-name')).sendKeys('Astrid');
    await (await find(driver, 'member-0-last-name')).sendKeys('Öhman');
    await (await find(driver, 'save-household')).click();
    await waitForText(driver, 'household-name', 'Astrid Öhman');

    // Create: two 4T categories and a cost typed the Swedish way.
    await go(driver, 'events');
    await (await find(driver, 'event-new')).click();
    await (await find(driver, 'event-name-input')).sendKeys('Jobbmässan Stockholm');
    await setDate(driver, 'event-starts-on', `${year}-03-10`);
    await setDate(driver, 'event-ends-on', `${year}-03-11`);
    await (await find(driver, 'event-place')).sendKeys('Stockholmsmässan');
    await (await find(driver, 'event-cost')).sendKeys('12 500,50');
    await (await find(driver, 'event-four-t-talent')).click();
    await (await find(driver, 'event-four-t-territorial_assets')).click();
    await (await find(driver, 'event-save')).click();

    // Saving a new event opens its page.
    await waitForText(driver, 'event-name', 'Jobbmässan Stockholm');
    await waitForLooseText(driver, 'event-cost-value', '12 500,50 kr');
    await waitForText(driver, 'event-facts', 'Talang');
    await waitForText(driver, 'event-facts', 'Territoriella tillgångar');
    await waitForLooseText(driver, 'event-dates', `10–11 mars ${year}`);

    // The list (upcoming by default) shows it with its categories; its name opens it.
    await go(driver, 'events');
    await waitForText(driver, 'event-row', 'Jobbmässan Stockholm');
    await waitForText(driver, 'event-row', 'Territoriella tillgångar');
    const row = await find(driver, 'event-row');
    await row.findElement(By.css('a')).click();
    await waitForText(driver, 'event-name', 'Jobbmässan Stockholm');

    // Edit: the form is pre-filled (cost in Swedish format); an end date before the start is
    // refused next to its field; fixed, the change is saved.
    await (await find(driver, 'event-edit')).click();
    const cost = await find(driver, 'event-cost');
    await driver.wait(async () => (await cost.getAttribute('value')) === '12 500,50', 5000, 'cost pre-filled');
    await retype(driver, 'event-name-input', 'Jobbmässan Stockholm – vår');
    await setDate(driver, 'event-ends-on', `${year}-03-01`);
    await (await find(driver, 'event-save')).click();
    await driver.wait(
      until.elementLocated(By.xpath("//dialog//*[contains(., 'Slutdatumet kan inte vara före startdatumet.')]")),
      15000,
      'the end-date error next to its field',
    );
    await setDate(driver, 'event-ends-on', `${year}-03-12`);
    await (await find(driver, 'event-save')).click();
    await waitForText(driver, 'event-name', 'Jobbmässan Stockholm – vår');
    await waitForLooseText(driver, 'event-dates', `10–12 mars ${year}`);

    // Add the household as an attendee, found by typing part of its name.
    await (await find(driver, 'attendee-add')).click();
    await (await find(driver, 'attendee-search')).sendKeys('Öhman');
    await waitForText(driver, 'attendee-choice', 'Astrid Öhman');
    await (await find(driver, 'attendee-choice')).click();
    await (await find(driver, 'attendee-save')).click();
    await waitForText(driver, 'event-attendee', 'Astrid Öhman');
    await screenshot(driver, 'event-page');
  } catch (e) {
    await screenshot(driver, 'failure-events').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
