// Takes the screenshots in docs/screenshots/ from the real app window, on demo data, in
// Swedish and English. Usage (under an X display):
//   LANDA_APP=target/debug/landa-app node tests/e2e/screenshots.mjs <data-dir-with-demo-data>
import { mkdirSync, writeFileSync } from 'node:fs';
import { By, until } from 'selenium-webdriver';
import { find, openApp, startDriver } from './driver.mjs';

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

async function invoke(command, args) {
  const r = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
       .then((data) => done({ ok: true, data }), (error) => done({ ok: false, error }));`,
    command,
    args,
  );
  if (!r.ok) throw new Error(`${command}: ${JSON.stringify(r.error)}`);
  return r.data;
}

async function go(hash, readyTestId) {
  await driver.executeScript(`location.hash = '${hash}'`);
  if (readyTestId) await find(driver, readyTestId);
}

try {
  await go('#/dashboard');
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
  const fairs = await invoke('list_events', { filter: { when: 'past', kind: 'fair', four_t: null, year: null, query: null } });
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
  await invoke('start_kiosk', {
    input: { event_id: fair.id, pin: '2468', idle_seconds: 90, review_task_title: 'Granska självregistrering' },
  });
  await driver.executeScript('location.reload()');
  await find(driver, 'kiosk-welcome');
  writeFileSync(`${out}kiosk.png`, await driver.takeScreenshot(), 'base64');
  console.log('docs/screenshots/kiosk.png');
  await invoke('exit_kiosk', { pin: '2468' });
  await driver.executeScript('location.reload()');
  await find(driver, 'global-search');
  await driver.executeScript("localStorage.setItem('landa.locale', 'en'); location.reload()");
  await go('#/households', 'household-row');
  await shot('households-en');
  await go(`#/events/${fair.id}`, 'event-name');
  await shot('event-en');
} finally {
  await driver.quit();
  tauriDriver.kill();
}
