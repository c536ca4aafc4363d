// The brief's end-to-end journey in the real window: create a household, find it by search,
// move it to welcome, log an interaction, quit, restart — and see all of it still there.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { By, Key, until } from 'selenium-webdriver';
import { find, openApp, screenshot, startDriver, waitForText } from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-'));
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

test('a household created, found, moved and contacted survives a restart', async () => {
  let driver = await openApp(dataDir);
  try {
    // First run: an empty database in the given data directory, and the offer of demo data.
    const name = await find(driver, 'onboarding-name');
    await name.sendKeys('Karin Lindgren');
    await (await find(driver, 'onboarding-start')).click();
    await (await find(driver, 'onboarding-empty')).click();

    await go(driver, 'households');
    await (await find(driver, 'new-household')).click();
    await (await find(driver, 'member-0-first-name')).sendKeys('Astrid');
    await (await find(driver, 'member-0-last-name')).sendKeys('Öhman');
    await (await find(driver, 'save-household')).click();
    await waitForText(driver, 'household-name', 'Astrid Öhman');

    // Find it again through the global search, typed without the Swedish letter.
    await go(driver, 'dashboard');
    const search = await find(driver, 'global-search');
    await search.sendKeys('ohman');
    await waitForText(driver, 'search-hit', 'Astrid Öhman');
    await search.sendKeys(Key.ARROW_DOWN, Key.ENTER);
    await waitForText(driver, 'household-name', 'Astrid Öhman');

    // Into the welcome phase: "moving" is its first stage.
    await (await find(driver, 'change-stage')).click();
    const select = await find(driver, 'change-stage-select');
    await select.findElement(By.css('option[value="moving"]')).click();
    await (await find(driver, 'change-stage-confirm')).click();
    await waitForText(driver, 'household-stage', 'Flyttdatum satt');

    await (await find(driver, 'interaction-kind-call')).click();
    await (await find(driver, 'interaction-summary')).sendKeys('Ringde om förskoleplats i Östersund');
    await (await find(driver, 'log-interaction')).click();
    await waitForText(driver, 'timeline-item', 'Ringde om förskoleplats i Östersund');
    await screenshot(driver, 'household-before-restart');
  } catch (e) {
    await screenshot(driver, 'failure-first-session').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }

  // A new process on the same database: everything above must have been committed.
  driver = await openApp(dataDir);
  try {
    await go(driver, 'households');
    const filter = await find(driver, 'household-search');
    await filter.sendKeys('Astrid');
    await waitForText(driver, 'household-row', 'Astrid Öhman');
    // The name link is the keyboard path into a household: follow it as a user would.
    await (await find(driver, 'household-row')).findElement(By.css('a')).click();
    await waitForText(driver, 'household-name', 'Astrid Öhman');
    await waitForText(driver, 'household-stage', 'Flyttdatum satt');
    await waitForText(driver, 'timeline-item', 'Ringde om förskoleplats i Östersund');
    await screenshot(driver, 'household-after-restart');
  } catch (e) {
    await screenshot(driver, 'failure-second-session').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
