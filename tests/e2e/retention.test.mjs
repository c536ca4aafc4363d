// A retention rule from the document management plan, in the real window: created on the Data
// page, its review list shows the demo leads with no activity for a year, the run removes them
// (each an erasure in the register) and is logged.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { choose, find, invoke, openApp, pressTest, screenshot, startDriver, waitForDialogClosed, waitForText } from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-retention-'));
let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

test('a retention rule is created, its due households reviewed and removed, and the run logged', async () => {
  const driver = await openApp(dataDir);
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await pressTest(driver, 'onboarding-start');
    await pressTest(driver, 'onboarding-demo');
    await find(driver, 'current-user', 60000);
    await driver.executeScript("location.hash = '#/data'");
    await find(driver, 'retention');

    await pressTest(driver, 'retention-new');
    await (await find(driver, 'retention-name')).sendKeys('Leads utan aktivitet i 12 månader');
    await choose(driver, await find(driver, 'retention-kind'), 'inactive_leads');
    const months = await find(driver, 'retention-months');
    await months.clear();
    await months.sendKeys('12');
    await pressTest(driver, 'retention-save');
    await waitForDialogClosed(driver);
    await find(driver, 'retention-rule');
    const dueText = await (await find(driver, 'retention-due')).getAttribute('textContent');
    const dueCount = Number(dueText.replace(/\D/g, ''));
    assert.ok(dueCount > 0, `the demo has leads with no activity for a year: ${dueText}`);

    await pressTest(driver, 'retention-review');
    await find(driver, 'retention-due-list');
    const rows = await driver.findElements(By.css('[data-testid="retention-due-row"]'));
    assert.equal(rows.length, dueCount, 'the review list holds exactly the households due');
    // The clicks' scrolling into view may have moved the whole document: back to its top.
    await driver.executeScript(`
      window.scrollTo(0, 0);
      for (const el of [document.documentElement, document.body, document.querySelector('.app')])
        if (el) el.scrollTop = 0;`);
    await screenshot(driver, 'retention-review');
    const first = await rows[0].getAttribute('textContent');
    await pressTest(driver, 'retention-run-confirm');
    await waitForDialogClosed(driver);
    await waitForText(driver, 'retention-run', 'Leads utan aktivitet i 12 månader');
    await waitForText(driver, 'retention-due', '0');

    const requests = await invoke(driver, 'erasure_requests');
    assert.equal(requests.length, dueCount, 'each removed household is an erasure on record');
    assert.ok(requests.every((r) => r.reason.includes('Leads utan aktivitet i 12 månader')));
    const name = first.split('Lead')[0].trim();
    if (name) {
      const found = await invoke(driver, 'search', { query: name.toLowerCase(), limit: 50 });
      assert.ok(!found.some((h) => h.title === name), `${name} is gone from search`);
    }
  } catch (e) {
    await screenshot(driver, 'failure-retention').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
