// Starts tauri-driver (which speaks WebDriver to Debian's WebKitWebDriver) and opens the real
// Landa binary in a window. The test run must already have an X display (xvfb-run).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Builder, By, until } from 'selenium-webdriver';

export const APP = process.env.LANDA_APP;
export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
const PORT = Number(process.env.LANDA_E2E_PORT ?? 4444);

export async function startDriver() {
  const bin = process.env.TAURI_DRIVER ?? join(process.env.HOME ?? '', '.cargo/bin/tauri-driver');
  const child = spawn(bin, ['--port', String(PORT), '--native-port', String(PORT + 1)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // Wait until the driver answers /status: polling a readiness signal, not sleeping for timing.
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/status`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await delay(50);
  }
  child.kill();
  throw new Error('tauri-driver did not start');
}

export async function openApp(dataDir) {
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
  return driver;
}

export const byTest = (id) => By.css(`[data-testid="${id}"]`);

/** Waits for an element by test id to be present and visible, and returns it. */
export async function find(driver, id, timeout = 15000) {
  const el = await driver.wait(until.elementLocated(byTest(id)), timeout, `waiting for [data-testid=${id}]`);
  await driver.wait(until.elementIsVisible(el), timeout, `waiting for ${id} to be visible`);
  return el;
}

/** Waits until some element with the test id contains `text`. */
export async function waitForText(driver, id, text, timeout = 15000) {
  await driver.wait(
    async () => {
      const els = await driver.findElements(byTest(id));
      for (const el of els) {
        // textContent, not getText(): WebKitWebDriver's rendered-text check misses text in
        // popups (the search listbox), and what we assert is the content the UI shows.
        const content = (await el.getAttribute('textContent')) ?? '';
        if (content.normalize('NFC').includes(text.normalize('NFC'))) return true;
      }
      return false;
    },
    timeout,
    `waiting for [data-testid=${id}] to show "${text}"`,
  );
}

export async function screenshot(driver, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const png = await driver.takeScreenshot();
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(ARTIFACTS, `${name}.png`), png, 'base64');
}
