// Takes the screenshots in docs/screenshots/ from the real app window, on demo data, in
// Swedish and English. Usage (under an X display):
//   LANDA_APP=target/debug/landa-app node tests/e2e/screenshots.mjs <data-dir-with-demo-data>
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { By, until } from 'selenium-webdriver';
import { find, invoke, openApp, startDriver } from './driver.mjs';

const dataDir = process.argv[2];
const out = new URL('../../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const tauriDriver = await startDriver();
const driver = await openApp(dataDir);

async function shot(name) {
  // Let fonts and data settle: wait for no pending loading markers rather than a fixed time.
  await driver.wait(async () => (await driver.findElements(By.css('[aria-busy="true"]'))).length === 0, 10000);
  await driver.wait(
    async () => {
      const text = await driver.executeScript("return document.querySelector('main')?.innerText ?? null");
      return text !== null && !/Läser in|Loading/.test(text);
    },
    10000,
  );
  writeFileSync(`${out}${name}.png`, await driver.takeScreenshot(), 'base64');
  console.log(`docs/screenshots/${name}.png`);
}

/** Scrolls the page's own scroll area (not the window, which would shift the whole shell). */
async function scrollMainTo(selector) {
  await driver.executeScript(
    `const el = document.querySelector(arguments[0]);
     const box = el?.closest('section') ?? el;
     let area = box?.parentElement;
     while (area && !(area.scrollHeight > area.clientHeight && getComputedStyle(area).overflowY !== 'visible')) area = area.parentElement;
     if (box && area) area.scrollTop += box.getBoundingClientRect().top - area.getBoundingClientRect().top - 16;
     window.scrollTo(0, 0);`,
    selector,
  );
}

async function go(hash, readyTestId) {
  await driver.executeScript(`location.hash = '${hash}'`);
  if (readyTestId) await find(driver, readyTestId);
}

try {
  await go('#/dashboard', 'dashboard-project');
  await driver.wait(until.elementLocated(By.css('main h1')), 10000);
  await shot('dashboard');
  await go('#/households', 'household-row');
  await shot('households');
  await (await find(driver, 'household-row')).findElement(By.css('a')).click();
  await find(driver, 'household-name');
  await shot('household');
  await go('#/board', 'board-card');
  await shot('board');
  await go('#/organisations');
  await driver.wait(until.elementLocated(By.css('main table, main ul')), 10000);
  await shot('organisations');
  await go('#/tasks');
  await shot('tasks');

  // Events: the list, a fair's page with its outcomes and leads, fair mode and the kiosk.
  await go('#/events');
  await driver.wait(until.elementLocated(By.css('main table, main ul')), 10000);
  await shot('events');
  const fairs = await invoke(driver, 'list_events', { filter: { when: 'past', kind: 'fair', four_t: null, year: null, query: null } });
  const fair = fairs.reduce((best, e) => (e.leads > best.leads ? e : best), fairs[0]);
  await go(`#/events/${fair.id}`, 'event-name');
  await shot('event');
  await go('#/outcomes', 'outcomes-year');
  await shot('outcomes');
  await go(`#/fair/${fair.id}`, 'fair-first-name');
  for (const [id, text] of [
    ['fair-first-name', 'Sara'],
    ['fair-last-name', 'Nilsson'],
    ['fair-profession', 'Sjuksköterska'],
    ['fair-email', 'sara.nilsson@example.se'],
  ]) {
    await (await find(driver, id)).sendKeys(text);
  }
  const email = await find(driver, 'fair-email');
  await driver.wait(async () => (await email.getAttribute('value')) === 'sara.nilsson@example.se', 5000);
  writeFileSync(`${out}fair-mode.png`, await driver.takeScreenshot(), 'base64');
  console.log('docs/screenshots/fair-mode.png');
  await driver.executeScript("location.hash = '#/events'");
  await invoke(driver, 'start_kiosk', {
    input: { event_id: fair.id, pin: '2468', idle_seconds: 90, review_task_title: 'Granska självregistrering' },
  });
  await driver.executeScript('location.reload()');
  await find(driver, 'kiosk-welcome');
  writeFileSync(`${out}kiosk.png`, await driver.takeScreenshot(), 'base64');
  console.log('docs/screenshots/kiosk.png');
  await invoke(driver, 'exit_kiosk', { pin: '2468' });
  await driver.executeScript('location.reload()');
  await find(driver, 'global-search');
  // Welcome and integrate: hosts, matching with a computed batch, a household's candidates,
  // its settling-in, jobs and host sections, and the jobs page with the indicator.
  await go('#/hosts', 'host-row');
  await shot('hosts');
  await go('#/matching', 'unmatched-section');
  await (await find(driver, 'batch-compute')).click();
  await find(driver, 'batch-row');
  await driver.executeScript("document.querySelector('[data-testid=batch-section]').scrollIntoView()");
  await shot('matching');
  await driver.executeScript('window.scrollTo(0, 0)');
  await (await find(driver, 'unmatched-find')).click();
  await find(driver, 'candidate-name');
  await shot('candidates');
  await driver.executeScript("location.hash = '#/dashboard'");
  await driver.executeScript('location.reload()');
  await find(driver, 'global-search');
  // A household with a partner's referrals and a host match, to show its sections.
  const matches = await invoke(driver, 'list_matches', { filter: { status: 'active', host_id: null, household_id: null } });
  let shown = matches[0]?.household.id;
  for (const m of matches) {
    const refs = await invoke(driver, 'household_referrals', { householdId: m.household.id });
    if (refs.some((r) => r.accompanying_partner)) {
      shown = m.household.id;
      break;
    }
  }
  await go(`#/households/${shown}`, 'household-name');
  await find(driver, 'job-adult');
  await driver.executeScript("document.querySelector('[data-testid=job-adult]').scrollIntoView({ block: 'start' })");
  await shot('household-jobs');
  await driver.executeScript("document.querySelector('[data-testid=match-card]')?.scrollIntoView({ block: 'start' })");
  await shot('household-host');
  const ambassadors = await invoke(driver, 'list_households', {
    filter: { query: null, phase: null, stage: 'ambassador', municipality: null, tag: null, owner_id: null, limit: 1, offset: 0 },
  });
  await go(`#/households/${ambassadors.rows[0].id}`, 'household-name');
  await find(driver, 'ambassador');
  await driver.executeScript("document.querySelector('[data-testid=checklist]')?.scrollIntoView({ block: 'start' })");
  await shot('household-settling-in');
  await go('#/jobs', 'labour-access');
  await shot('jobs');
  await go('#/projects', 'project-row');
  await (await find(driver, 'checklist-default')).click();
  await find(driver, 'checklist-dialog');
  await shot('checklist');
  await driver.executeScript("location.reload()");
  await go('#/projects', 'project-row');
  await shot('projects');
  const [project] = await invoke(driver, 'list_projects', {});
  await go(`#/projects/${project.id}`, 'project-targets');
  await driver.wait(async () => (await driver.findElements(By.css('canvas[role=img]'))).length >= 4, 10000);
  await shot('project');
  await scrollMainTo("canvas[role=img]");
  await shot('project-charts');
  const reports = await invoke(driver, 'list_reports', { projectId: project.id });
  const submitted = reports.find((r) => r.submitted_on !== null);
  const draft = reports.find((r) => r.submitted_on === null);
  if (draft) {
    await go(`#/reports/${draft.id}`, 'report-live-notice');
    await shot('report-draft');
  }
  if (submitted) {
    await go(`#/reports/${submitted.id}`, 'report-frozen-notice');
    await shot('report-submitted');
  }

  // The data page, after a backup made by hand beside the daily one made at start.
  await invoke(driver, 'backup_now', {});
  await go('#/data', 'backup-row');
  await shot('backups');

  // The audit log: every change with who made it, newest first.
  await go('#/data/audit', 'audit-change');
  await shot('audit-log');

  // The import wizard on a small fair list as Swedish Excel saves it, written beside the data:
  // the columns as guessed, then the preview with a bad phone and a repeated row flagged.
  const list = resolve(dataDir, 'mässlista.csv');
  writeFileSync(
    list,
    Buffer.from(
      'Förnamn;Efternamn;E-post;Telefon;Yrke;Barn;Kommun;Första kontakt\r\n' +
        'Maja;Holm;maja.holm@example.se;070-555 12 34;Sjuksköterska;3;Östersund;2026-09-12\r\n' +
        'Jonas;Ek;jonas.ek@example.se;12;Elektriker;;Åre;2026-09-12\r\n' +
        'Leila;Nasser;leila@example.se;073-222 33 44;Läkare;5, 9;Krokom;2026-09-13\r\n' +
        'Maja;Holm;MAJA.HOLM@example.se;;;;Östersund;\r\n',
      'latin1',
    ),
  );
  await go('#/data/import', 'import-path');
  await (await find(driver, 'import-path')).sendKeys(list);
  await (await find(driver, 'import-read')).click();
  await find(driver, 'import-file-summary');
  await (await find(driver, 'import-next')).click();
  await find(driver, 'import-column-0');
  await shot('import-columns');
  await (await find(driver, 'import-preview-run')).click();
  await find(driver, 'import-count-create');
  await shot('import-preview');

  // The duplicate scan, and the merge screen for a couple entered at two fairs.
  const twice = (email, source, notes) => ({
    name: '',
    members: [{ id: null, first_name: 'Elin', last_name: 'Sjöberg', role: 'adult', birth_year: 1990, languages: [], profession: 'Lärare', emails: [email], phones: [] }],
    desired_municipalities: ['Östersund'],
    source,
    source_event_id: null,
    tags: [],
    notes,
    owner_id: null,
    stage: null,
    time_frame: null,
    interests: [],
  });
  const kept = await invoke(driver, 'create_household', { input: twice('elin.sjoberg@example.se', 'Mässa Östersund', '') });
  const merged = await invoke(driver, 'create_household', { input: twice('elin@example.com', 'Webbformulär', 'Vill bo nära fjällen') });
  await go('#/duplicates', 'duplicate-pair');
  await shot('duplicates');
  await go(`#/duplicates/merge?entity=households&kept=${kept.id}&merged=${merged.id}`, 'merge-confirm');
  await shot('merge');

  await driver.executeScript("localStorage.setItem('landa.locale', 'en'); window.__beforeReload = true; location.reload()");
  await driver.wait(
    async () => driver.executeScript("return window.__beforeReload === undefined && document.readyState === 'complete'"),
    15000,
  );
  await go('#/households', 'household-row');
  await shot('households-en');
  await go(`#/events/${fair.id}`, 'event-name');
  await shot('event-en');
  await go('#/matching', 'unmatched-section');
  await (await find(driver, 'unmatched-find')).click();
  await find(driver, 'candidate-name');
  await shot('candidates-en');
  await go(`#/projects/${project.id}`, 'project-targets');
  await driver.wait(async () => (await driver.findElements(By.css('canvas[role=img]'))).length >= 4, 10000);
  await scrollMainTo("canvas[role=img]");
  await shot('project-charts-en');
} finally {
  await driver.quit();
  tauriDriver.kill();
}
