// The project page in the real window, on demo data: the manager opens the running project
// from the projects list, sees its charts drawn (each with a table of the same numbers), sets
// a target in the targets dialog (a typo is refused with a sentence) and finds it on the
// dashboard's project card, then names one more participating organisation with the day it
// joined and sees the count rise, and records that it left.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { By, until } from 'selenium-webdriver';
import {
  byTest,
  chooseUntilChosen,
  find,
  inDialog,
  invoke,
  openApp,
  press,
  pressTest,
  screenshot,
  setValue,
  snapshot,
  startDriver,
  waitForDialogClosed,
  waitForText,
} from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-projects-'));
let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

/** Rows of a chart's data table: it is in the page (for screen readers) even while hidden. */
async function tableRows(driver, chart) {
  return driver.findElements(By.css(`[data-testid="${chart}-table"] tbody tr`));
}

/** True once the chart's canvas has something painted on it. */
async function painted(driver, chart) {
  return driver.executeScript(
    `const canvas = document.querySelector('[data-testid="' + arguments[0] + '-canvas"]');
     if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
     const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
     for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
     return false;`,
    chart,
  );
}

/** Replaces a field's text as typed; scrolled into view first, as dialogs scroll on their own. */
async function retype(driver, el, text) {
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", el);
  // clear() fires no input event in WebKit, so the form would keep the old text: empty it as
  // an edit does, then type.
  await setValue(driver, el, '');
  if (text !== '') await el.sendKeys(text);
}

async function memberCount(driver) {
  const text = await (await find(driver, 'members-count')).getAttribute('textContent');
  return Number(text.replace(/\D/g, ''));
}

test('the project page draws its charts, takes a target and a new participating organisation', async () => {
  const driver = await openApp(dataDir);
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await (await find(driver, 'onboarding-start')).click();
    await (await find(driver, 'onboarding-demo')).click();
    await driver.wait(until.elementLocated(By.css('nav a[href="#/projects"]')), 60000);

    // From the projects list, by the project's name.
    await (await driver.findElement(By.css('nav a[href="#/projects"]'))).click();
    const row = await find(driver, 'project-row');
    const link = await row.findElement(byTest('project-link'));
    const projectName = await link.getText();
    await press(driver, link);
    await waitForText(driver, 'project-title', projectName);
    const projectId = (await driver.executeScript('return location.hash')).split('/').pop();

    // Every chart is drawn, described for screen readers and backed by a table of its numbers.
    for (const chart of ['chart-funnel', 'chart-four-t', 'chart-months', 'chart-events']) {
      const canvas = await find(driver, `${chart}-canvas`);
      assert.equal(await canvas.getAttribute('role'), 'img', `${chart} is an image to assistive technology`);
      assert.ok(((await canvas.getAttribute('aria-label')) ?? '').length > 10, `${chart} has a text alternative`);
      await driver.wait(async () => painted(driver, chart), 15000, `waiting for ${chart} to be drawn`);
      assert.ok((await tableRows(driver, chart)).length > 0, `${chart} has rows in its table`);
    }
    const funnelRows = await tableRows(driver, 'chart-funnel');
    assert.match(await funnelRows[0].getAttribute('textContent'), /Lead registrerad/);

    // "Visa som tabell" shows the month table to everyone.
    const toggle = await find(driver, 'chart-months-toggle');
    assert.equal(await toggle.getText(), 'Visa som tabell');
    await press(driver, toggle);
    await find(driver, 'chart-months-table');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await snapshot(driver, 'project-charts');

    // A new target for participating organisations; a typo elsewhere is refused first.
    await pressTest(driver, 'targets-edit');
    await retype(driver, await inDialog(driver, 'target-input-participating_organisations'), '40');
    const seminars = await inDialog(driver, 'target-input-seminars');
    await retype(driver, seminars, 'några');
    await (await inDialog(driver, 'targets-save')).click();
    await driver.wait(
      until.elementLocated(By.xpath('//dialog[@open]//p[contains(., "Skriv ett heltal")]')),
      15000,
      'the typo is explained in a sentence',
    );
    await retype(driver, seminars, '');
    await (await inDialog(driver, 'targets-save')).click();
    await waitForDialogClosed(driver);
    const targets = await invoke(driver, 'project_targets', { projectId });
    assert.equal(targets.find((t) => t.indicator === 'participating_organisations').target, 40);
    assert.equal(targets.find((t) => t.indicator === 'seminars').target, null, 'a blank field is no target');
    const before = await memberCount(driver);
    const targetRow = await find(driver, 'target-bars');
    await driver.wait(
      async () =>
        (await targetRow.getAttribute('textContent')).includes(`${before} av 40`),
      15000,
      'the new target shows on the project page',
    );

    // The dashboard's project card shows the same progress and leads back to the project.
    await driver.executeScript("location.hash = '#/dashboard'");
    await waitForText(driver, 'dashboard-targets', `${before} av 40`);
    await snapshot(driver, 'dashboard-project');
    await pressTest(driver, 'dashboard-project-link');
    await waitForText(driver, 'project-title', projectName);

    // One more participating organisation: one that does not take part yet, joined in June.
    const members = await invoke(driver, 'project_members', { projectId });
    const taking = new Set(members.filter((m) => m.left_on === null).map((m) => m.organisation.id));
    const all = await invoke(driver, 'list_organisations', {
      filter: { query: null, kind: null, participating_only: false },
    });
    const newcomer = all.find((o) => !taking.has(o.id) && !members.some((m) => m.organisation.id === o.id));
    assert.ok(newcomer, 'the demo has organisations outside the project');

    await pressTest(driver, 'member-add');
    await (await inDialog(driver, 'member-search')).sendKeys(newcomer.name);
    // The list redraws while the search settles: choose until the choice holds.
    await chooseUntilChosen(
      driver,
      By.xpath(`//dialog[@open]//label[@data-testid="member-option"][contains(., ${JSON.stringify(newcomer.name)})]`),
      `choosing ${newcomer.name} in the list`,
    );
    await setValue(driver, await inDialog(driver, 'member-joined-on'), '2025-06-01');
    await press(driver, await inDialog(driver, 'member-save'));
    await waitForDialogClosed(driver);
    await driver.wait(async () => (await memberCount(driver)) === before + 1, 15000, 'the count rises by one');
    await waitForText(driver, 'target-bars', `${before + 1} av 40`);

    const added = (await invoke(driver, 'project_members', { projectId })).find(
      (m) => m.organisation.id === newcomer.id,
    );
    assert.equal(added.joined_on, '2025-06-01');
    assert.equal(added.left_on, null);

    // It stops taking part: recorded with a day, it stays on the list and in the count.
    const toggleAll = await driver.findElements(byTest('members-toggle'));
    if (toggleAll.length > 0) await press(driver, toggleAll[0]);
    const memberRow = await driver.wait(
      until.elementLocated(
        By.xpath(`//tr[@data-testid="member-row"][.//a[contains(., ${JSON.stringify(newcomer.name)})]]`),
      ),
      15000,
    );
    await press(driver, await memberRow.findElement(byTest('member-leave')));
    const leftOn = await inDialog(driver, 'member-left-on');
    assert.notEqual(await leftOn.getAttribute('value'), '', 'the day it left defaults to today');
    await setValue(driver, leftOn, '2026-01-31');
    await (await inDialog(driver, 'member-save')).click();
    await waitForDialogClosed(driver);
    await driver.wait(
      async () =>
        (await invoke(driver, 'project_members', { projectId })).find((m) => m.id === added.id)?.left_on ===
        '2026-01-31',
      15000,
      'the day it left is saved',
    );
    assert.equal(await memberCount(driver), before + 1);
    await snapshot(driver, 'project-members');
  } catch (e) {
    await screenshot(driver, 'failure-projects').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
