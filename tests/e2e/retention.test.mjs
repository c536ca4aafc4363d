// A retention rule from the document management plan, in the real window: created on the Data
// page, its review list shows the demo leads with no activity for a year, the run removes them
// (each an erasure in the register) and is logged. Then the audit log shows the run's erasure
// decisions with who made them, exports them, and the read log shows that export.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { choose, find, invoke, openApp, pressTest, screenshot, snapshot, startDriver, waitForDialogClosed, waitForText } from './driver.mjs';

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

    // A rule for contact persons at employers: the form asks for the type of organisation
    // instead of a municipality, and says they are always erased.
    await pressTest(driver, 'retention-new');
    await (await find(driver, 'retention-name')).sendKeys('Arbetsgivarnas kontaktpersoner');
    await choose(driver, await find(driver, 'retention-kind'), 'inactive_contacts');
    await choose(driver, await find(driver, 'retention-organisation-kind'), 'employer');
    await find(driver, 'retention-contacts-erase');
    await screenshot(driver, 'retention-contacts-rule');
    await pressTest(driver, 'retention-save');
    await waitForDialogClosed(driver);
    await driver.wait(
      async () => (await driver.findElements(By.css('[data-testid="retention-rule"]'))).length === 2,
      15000,
      'the contact rule is listed beside the first',
    );
    const contactRule = (await invoke(driver, 'retention_rules')).find((r) => r.kind === 'inactive_contacts');
    assert.equal(contactRule.organisation_kind, 'employer', 'scoped to employers');
    assert.equal(contactRule.due, 0, "the demo's contact persons were all made today: none is due");

    // The audit log, from the Data page: the run's decisions, by whom, exported, and the export
    // itself in the read log.
    await driver.executeScript("location.hash = '#/data'");
    await pressTest(driver, 'audit-open');
    await find(driver, 'audit-change', 30000);
    await waitForText(driver, 'audit-panel', 'Karin Lindgren');
    await choose(driver, await find(driver, 'audit-entity'), 'erasure_requests');
    await waitForText(driver, 'audit-change', 'Begäran om radering');
    const kinds = await driver.executeScript(
      "return [...document.querySelectorAll('[data-testid=\"audit-change\"]')].map((r) => r.dataset.entity)",
    );
    assert.ok(kinds.length > 0 && kinds.every((k) => k === 'erasure_requests'), `only erasure requests: ${kinds}`);
    await pressTest(driver, 'audit-export');
    await waitForText(driver, 'audit-saved', 'okrypterad');
    const saved = await (await find(driver, 'audit-saved')).getAttribute('textContent');
    const [, path, count] = saved.match(/: (.+\.csv) \((\d+) rader\)/) ?? [];
    assert.ok(path, `the saved path is shown: ${saved}`);
    const lines = readFileSync(path, 'utf8').split('\r\n').filter((l) => l !== '');
    assert.equal(lines.length - 1, Number(count), 'the file holds every line the filter shows, under a header');
    assert.ok(lines.slice(1).every((l) => l.split(';')[2] === 'erasure_requests'), 'and nothing else');
    rmSync(path);
    await pressTest(driver, 'audit-tab-reads');
    await waitForText(driver, 'audit-read', 'Export av granskningsloggen');
    await waitForText(driver, 'audit-read', 'Karin Lindgren');
    await snapshot(driver, 'audit-read-log');
    await pressTest(driver, 'audit-tab-changes');
    await choose(driver, await find(driver, 'audit-entity'), 'households');
    await waitForText(driver, 'audit-change', 'Hushåll');
    // The notices of the run and the export would cover the table: close them first.
    await driver.executeScript(`
      for (const b of document.querySelectorAll('[data-testid="toast"] button.dismiss')) b.click();
      window.scrollTo(0, 0);
      for (const el of [document.documentElement, document.body, document.querySelector('.app')])
        if (el) el.scrollTop = 0;`);
    await driver.wait(async () => (await driver.findElements(By.css('[data-testid="toast"]'))).length === 0, 5000);
    await snapshot(driver, 'audit-log');
  } catch (e) {
    await screenshot(driver, 'failure-retention').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
