// Starts tauri-driver (which speaks WebDriver to Debian's WebKitWebDriver) and opens the real
// Landa binary in a window. The test run must already have an X display (xvfb-run).
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Builder, By, until } from 'selenium-webdriver';

export const APP = process.env.LANDA_APP;
export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
const PORT = Number(process.env.LANDA_E2E_PORT ?? 4444);

/**
 * Starts tauri-driver in a process group of its own and returns a handle whose kill() ends the
 * whole group: tauri-driver, WebKitWebDriver, the app and WebKit's helper processes. Killing
 * only tauri-driver leaves WebKitWebDriver and WebKit's processes behind (seen here), and a
 * left-over process that holds the test runner's output pipe keeps the run from ever ending.
 * The driver's own output goes to artifacts/tauri-driver.log, never to the runner's pipe.
 */
export async function startDriver() {
  const bin = process.env.TAURI_DRIVER ?? join(process.env.HOME ?? '', '.cargo/bin/tauri-driver');
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = openSync(join(ARTIFACTS, 'tauri-driver.log'), 'a');
  const child = spawn(bin, ['--port', String(PORT), '--native-port', String(PORT + 1)], {
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  const handle = {
    kill() {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    },
  };
  // Wait until the driver answers /status: polling a readiness signal, not sleeping for timing.
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/status`);
      if (res.ok) return handle;
    } catch {
      // not listening yet
    }
    await delay(50);
  }
  handle.kill();
  throw new Error('tauri-driver did not start');
}

/** The passphrase every end-to-end database is protected with. */
export const PASSPHRASE = 'tre gröna äpplen i en korg';

/**
 * Starts the app on `dataDir` and gets past the start screen the way a coordinator would: a
 * new folder gets its passphrase chosen, an existing one is unlocked. `{ raw: true }` stops at
 * the start screen, for the tests of that screen itself.
 */
export async function openApp(dataDir, { raw = false } = {}) {
  if (!APP) throw new Error('LANDA_APP must name the built landa-app binary');
  const caps = {
    browserName: 'wry',
    'tauri:options': { application: APP, args: ['--data-dir', dataDir] },
  };
  const driver = await new Builder().usingServer(`http://127.0.0.1:${PORT}/`).withCapabilities(caps).build();
  await driver.manage().setTimeouts({ implicit: 0 });
  // The UI language is remembered in the webview's storage across runs; start each session
  // in Swedish, the default a new user gets.
  await driver.executeScript("localStorage.setItem('landa.locale', 'sv'); window.__beforeReload = true; location.reload()");
  // The marker disappears with the old document: then the reloaded page is the one we test.
  await driver.wait(
    async () => driver.executeScript("return window.__beforeReload === undefined && document.readyState === 'complete'"),
    15000,
    'waiting for the reload',
  );
  if (!raw) await passStartScreen(driver);
  return driver;
}

/** Chooses the passphrase (a new database) or types it (a locked one). */
export async function passStartScreen(driver, passphrase = PASSPHRASE) {
  const screen = await driver.wait(
    async () =>
      driver.executeScript(`
        if (document.querySelector('[data-testid="protect-passphrase"]')) return 'protect';
        if (document.querySelector('[data-testid="lock-passphrase"]')) return 'lock';
        return null;`),
    15000,
    'waiting for the start screen (protect or unlock)',
  );
  if (screen === 'protect') {
    await (await find(driver, 'protect-passphrase')).sendKeys(passphrase);
    await (await find(driver, 'protect-repeat')).sendKeys(passphrase);
    await (await find(driver, 'protect-start')).click();
  } else {
    await (await find(driver, 'lock-passphrase')).sendKeys(passphrase);
    await (await find(driver, 'lock-unlock')).click();
  }
  await driver.wait(
    async () =>
      driver.executeScript(
        `return !document.querySelector('[data-testid="protect-passphrase"], [data-testid="lock-passphrase"]')`,
      ),
    30000,
    'waiting for the database to open',
  );
  // A device with several coordinators asks who is working: the one preselected (the last).
  const choosing = await driver.executeScript(
    `return Boolean(document.querySelector('[data-testid="sign-in-continue"]'))`,
  );
  if (choosing) {
    await (await find(driver, 'sign-in-continue')).click();
    await driver.wait(
      async () => driver.executeScript(`return !document.querySelector('[data-testid="sign-in-continue"]')`),
      15000,
      'waiting for the sign-in to finish',
    );
  }
}

export const byTest = (id) => By.css(`[data-testid="${id}"]`);

/** Waits for an element by test id to be present and visible, and returns it. */
export async function find(driver, id, timeout = 15000) {
  // A page that re-renders may replace the element between finding it and checking it: then
  // the old one is stale, and the new one is looked up again.
  for (;;) {
    const el = await driver.wait(until.elementLocated(byTest(id)), timeout, `waiting for [data-testid=${id}]`);
    try {
      await driver.wait(until.elementIsVisible(el), timeout, `waiting for ${id} to be visible`);
      return el;
    } catch (e) {
      if (e?.name !== 'StaleElementReferenceError') throw e;
    }
  }
}

/** Waits until some element with the test id contains `text`. */
export async function waitForText(driver, id, text, timeout = 15000) {
  await driver.wait(
    async () => {
      const els = await driver.findElements(byTest(id));
      for (const el of els) {
        // textContent, not getText(): WebKitWebDriver's rendered-text check misses text in
        // popups (the search listbox), and what we assert is the content the UI shows.
        // An element re-rendered between finding and reading it is stale: look again.
        const content = await el.getAttribute('textContent').catch((e) => {
          if (e?.name === 'StaleElementReferenceError') return '';
          throw e;
        });
        if ((content ?? '').normalize('NFC').includes(text.normalize('NFC'))) return true;
      }
      return false;
    },
    timeout,
    `waiting for [data-testid=${id}] to show "${text}"`,
  );
}

export async function screenshot(driver, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  // After the next two frames: WebKit's screenshot can otherwise show the frame before the
  // last change.
  await driver
    .executeAsyncScript(
      'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));',
    )
    .catch(() => undefined);
  const png = await driver.takeScreenshot();
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(ARTIFACTS, `${name}.png`), png, 'base64');
}

// Helpers shared by the welcome-and-integrate tests.

/** Calls a backend command the way the UI does, for setting up what this test is not about. */
export async function invoke(driver, command, args = {}) {
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

/**
 * Clicks an element after scrolling it into the middle of its scroll container: the app
 * scrolls its main area, not the window, and WebKitWebDriver does not scroll nested areas.
 */
export async function press(driver, el) {
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", el);
  await el.click();
}

export async function pressTest(driver, testId) {
  await press(driver, await find(driver, testId));
}

/** The element with `testId` inside the open dialog. */
export async function inDialog(driver, testId) {
  const el = await driver.wait(
    until.elementLocated(By.css(`dialog[open] [data-testid="${testId}"]`)),
    15000,
    `waiting for ${testId} in the open dialog`,
  );
  await driver.wait(until.elementIsVisible(el), 15000);
  return el;
}

/** Date inputs: set as a picker would (see events.test.mjs for why not keystrokes). */
export async function setValue(driver, el, value) {
  await driver.executeScript(
    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
    el,
    value,
  );
}

export async function choose(driver, el, value) {
  await driver.executeScript(
    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
    el,
    value,
  );
}

export async function waitForDialogClosed(driver) {
  await driver.wait(
    async () => (await driver.findElements(By.css('dialog[open]'))).length === 0,
    15000,
    'waiting for the dialog to close',
  );
}

/** WebKit may hand out the previous frame right after a change: let two frames paint first. */
export async function snapshot(driver, name) {
  await driver.executeAsyncScript(
    'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));',
  );
  await screenshot(driver, name);
}

/**
 * Chooses the option `label` (a locator for a label holding a radio or checkbox) until it stays
 * chosen, found afresh each time: a list searched as the letters arrive may be drawn again
 * after the option first shows, which would drop the choice or leave a stale element.
 */
export async function chooseUntilChosen(driver, label, what, timeout = 15000) {
  await driver.wait(
    async () => {
      try {
        const choice = await driver.findElement(label);
        if (await choice.findElement(By.css('input')).isSelected()) return true;
        await press(driver, choice);
        return false;
      } catch (e) {
        if (['NoSuchElementError', 'StaleElementReferenceError'].includes(e?.name)) return false;
        throw e;
      }
    },
    timeout,
    what,
  );
}

/** Every file under `dir`, recursively: what a lost laptop's data folder gives away. */
export function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The window's whole text, for sentences that appear anywhere (a toast, a form's error). */
export async function bodyText(driver) {
  return driver.executeScript('return document.body.textContent');
}

/** A `create_household` input with one adult. */
export function oneAdultHousehold({ first, last, emails = [], notes = '' }) {
  return {
    name: '',
    members: [
      { id: null, first_name: first, last_name: last, role: 'adult', birth_year: null, languages: [], profession: '', emails, phones: [] },
    ],
    desired_municipalities: [],
    source: '',
    source_event_id: null,
    tags: [],
    notes,
    owner_id: null,
    stage: null,
    time_frame: null,
    interests: [],
  };
}
