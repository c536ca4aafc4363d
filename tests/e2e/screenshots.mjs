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
  await driver.executeScript("localStorage.setItem('landa.locale', 'en'); location.reload()");
  await go('#/households', 'household-row');
  await shot('households-en');
} finally {
  await driver.quit();
  tauriDriver.kill();
}
