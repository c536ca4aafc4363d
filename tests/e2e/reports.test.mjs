// A funder report in the real window: on the demo project's page the coordinator creates a
// report for a period, writes a summary, saves, submits it (confirming), sees it frozen (no
// edit fields, a submitted badge), and exports it as PDF, Excel and CSV — each file checked on
// disk. Without the project page's reports section the report is created through IPC instead.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { By, until } from 'selenium-webdriver';
import {
  byTest,
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

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-reports-'));
let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const PROJECT = 'Välkommen till Jämtland Härjedalen';
const TITLE = 'Lägesrapport E2E första perioden';
const SUMMARY = 'Fler hushåll än väntat valde regionen, mycket tack vare mässan i Göteborg.';

async function go(driver, hash) {
  await driver.executeScript('location.hash = arguments[0]', hash);
}

/** The report id in the address bar, once the report page is open. */
async function reportIdFromHash(driver) {
  return driver.wait(
    async () => {
      const hash = await driver.executeScript('return location.hash');
      const match = /^#\/reports\/([^/?]+)$/.exec(hash);
      return match ? decodeURIComponent(match[1]) : false;
    },
    15000,
    'waiting for the report page',
  );
}

/** Whether an element with the test id shows up within `timeout`. */
async function appears(driver, testId, timeout) {
  try {
    await find(driver, testId, timeout);
    return true;
  } catch {
    return false;
  }
}

/** Waits until the element's attribute has the value. */
async function attributeIs(driver, testId, name, value) {
  await driver.wait(
    async () => {
      const els = await driver.findElements(byTest(testId));
      for (const el of els) {
        if ((await el.getAttribute(name).catch(() => null)) === value) return true;
      }
      return false;
    },
    15000,
    `waiting for [data-testid=${testId}] ${name}="${value}"`,
  );
}

/** Exports in `format` and returns the saved path, read from the status line. */
async function exportAs(driver, format) {
  await pressTest(driver, `report-export-${format}`);
  await waitForText(driver, 'report-export-status', `.${format}`);
  const text = (await (await find(driver, 'report-export-status')).getAttribute('textContent')).trim();
  const match = new RegExp(`sparades som (\\S.*\\.${format})$`).exec(text);
  assert.ok(match, `the status line names the ${format} file: ${text}`);
  return match[1];
}

test('a report is created, written, submitted, frozen and exported', async () => {
  const driver = await openApp(dataDir);
  const exported = [];
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await (await find(driver, 'onboarding-start')).click();
    await (await find(driver, 'onboarding-demo')).click();
    await driver.wait(until.elementLocated(By.css('nav a[href="#/projects"]')), 120000, 'the demo data loads');

    const projects = await invoke(driver, 'list_projects');
    const project = projects.find((p) => p.name === PROJECT) ?? projects[0];
    assert.ok(project, 'the demo has a project');
    const { today } = await invoke(driver, 'session');
    // This year so far: always inside the demo project, whatever day the test runs.
    const from = `${today.slice(0, 4)}-01-01`;
    const to = today;

    // From the project page's reports section, when the project page shows it.
    await go(driver, `#/projects/${project.id}`);
    let reportId;
    if (await appears(driver, 'project-reports', 10000)) {
      const newReport = await find(driver, 'report-new');
      await driver.wait(async () => newReport.isEnabled(), 15000, 'the project is loaded');
      await press(driver, newReport);
      await setValue(driver, await inDialog(driver, 'report-new-from'), from);
      await setValue(driver, await inDialog(driver, 'report-new-to'), to);
      await setValue(driver, await inDialog(driver, 'report-new-title'), TITLE);
      await (await inDialog(driver, 'report-new-create')).click();
      await waitForDialogClosed(driver);
      reportId = await reportIdFromHash(driver);
    } else {
      reportId = await invoke(driver, 'create_report', {
        input: {
          project_id: project.id,
          title: TITLE,
          from,
          to,
          sections: { summary: '', activities: '', results: '', next_steps: '' },
        },
      });
      await go(driver, `#/reports/${reportId}`);
    }

    // A draft: live figures, editable text.
    await waitForText(driver, 'report-title', TITLE);
    await attributeIs(driver, 'report-status', 'data-state', 'draft');
    await waitForText(driver, 'report-status', 'Utkast');
    await find(driver, 'report-live-notice');
    await find(driver, 'indicator-row');

    const summary = await find(driver, 'report-section-summary');
    await press(driver, summary);
    await summary.sendKeys(SUMMARY);
    await attributeIs(driver, 'report-unsaved', 'data-dirty', 'true');
    await waitForText(driver, 'report-unsaved', 'Osparade ändringar');
    await pressTest(driver, 'report-save');
    await attributeIs(driver, 'report-unsaved', 'data-dirty', 'false');
    const saved = await invoke(driver, 'report', { id: reportId });
    assert.equal(saved.sections.summary, SUMMARY, 'the summary is saved');
    assert.equal(saved.summary.from, from);
    assert.equal(saved.summary.to, to);
    await snapshot(driver, 'report-draft');

    // Submit, confirming in the dialog: frozen with today's date.
    await pressTest(driver, 'report-submit');
    await (await inDialog(driver, 'report-submit-confirm')).click();
    await waitForDialogClosed(driver);
    await attributeIs(driver, 'report-status', 'data-state', 'submitted');
    await waitForText(driver, 'report-status', 'Inskickad');
    await waitForText(driver, 'report-status', 'Karin Lindgren');
    await find(driver, 'report-frozen-notice');
    await waitForText(driver, 'report-text-summary', SUMMARY);
    assert.equal((await driver.findElements(byTest('report-edit-form'))).length, 0, 'no edit fields');
    assert.equal((await driver.findElements(byTest('report-section-summary'))).length, 0, 'no summary field');
    assert.equal((await driver.findElements(byTest('report-submit'))).length, 0, 'no submit button');
    assert.equal((await driver.findElements(byTest('report-delete'))).length, 0, 'no delete button');
    const frozen = await invoke(driver, 'report', { id: reportId });
    assert.equal(frozen.summary.submitted_on, today, 'submitted today');
    await snapshot(driver, 'report-submitted');

    // The three exports, each a real file of its kind.
    const pdf = await exportAs(driver, 'pdf');
    exported.push(pdf);
    assert.ok(existsSync(pdf), `${pdf} exists`);
    assert.ok(statSync(pdf).size > 2000, 'the PDF is not trivial');
    assert.equal(readFileSync(pdf).subarray(0, 4).toString('latin1'), '%PDF', 'a PDF file');

    const xlsx = await exportAs(driver, 'xlsx');
    exported.push(xlsx);
    assert.ok(existsSync(xlsx), `${xlsx} exists`);
    assert.ok(statSync(xlsx).size > 2000, 'the workbook is not trivial');
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString('latin1'), 'PK', 'an XLSX (zip) file');

    const csv = await exportAs(driver, 'csv');
    exported.push(csv);
    assert.ok(existsSync(csv), `${csv} exists`);
    const csvText = readFileSync(csv, 'utf8');
    assert.ok(csvText.includes(project.name), 'the CSV names the project');
    assert.ok(csvText.includes(SUMMARY), 'the CSV carries the summary');

    // Back on the project page the report is listed as submitted.
    if (await appears(driver, 'report-project-link', 2000)) {
      await pressTest(driver, 'report-project-link');
      if (await appears(driver, 'project-reports', 10000)) {
        await driver.wait(
          async () => {
            for (const row of await driver.findElements(byTest('report-row'))) {
              const text = (await row.getAttribute('textContent')) ?? '';
              if (text.includes(TITLE) && text.includes('Inskickad')) return true;
            }
            return false;
          },
          15000,
          'the submitted report in the project list',
        );
      }
    }
  } catch (e) {
    await screenshot(driver, 'failure-reports').catch(() => {});
    throw e;
  } finally {
    for (const path of exported) if (existsSync(path)) rmSync(path);
    await driver.quit();
  }
});
