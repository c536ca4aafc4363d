// Offline and crash safety in the real window:
//  1. The bundle fetches nothing from the network: no remote URL is in the built front end.
//  2. The app starts and a lead is captured with networking unavailable. `npm run test:offline`
//     runs this file in a fresh network namespace that has only loopback (see package.json);
//     the test checks that isolation itself, so it cannot pass online by accident.
//  3. Killing the app process right after saves loses nothing that was saved.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { find, openApp, screenshot, startDriver } from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-offline-'));
const dist = new URL('../../ui/dist/', import.meta.url).pathname;
let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

/** Calls a backend command through the page, the same path the UI's own calls take. */
function invoke(driver, command, args) {
  return driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
       .then((data) => done({ ok: true, data }), (error) => done({ ok: false, error }));`,
    command,
    args,
  );
}

async function ok(driver, command, args) {
  const r = await invoke(driver, command, args);
  assert.ok(r.ok, `${command} failed: ${JSON.stringify(r.error)}`);
  return r.data;
}

const lead = (first, email) => ({
  adults: [{ first_name: first, last_name: 'Offline', profession: '' }],
  email,
  phone: '',
  children: [],
  municipalities: ['Östersund'],
  time_frame: null,
  note: '',
  consents: [],
});

test('the built front end references no remote resource', () => {
  // Namespace strings, Tauri's own IPC origin and the links inside Svelte's error messages are
  // text, not places anything is fetched from.
  const allowed = [
    /^http:\/\/www\.w3\.org\//,
    /^http:\/\/ipc\.localhost/,
    /^https?:\/\/localhost/,
    /^https:\/\/svelte\.dev\/e\//,
  ];
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(js|css|html)$/.test(entry.name)) {
        for (const m of readFileSync(path, 'utf8').matchAll(/https?:\/\/[^\s"'`)]+/g)) {
          if (!allowed.some((a) => a.test(m[0]))) found.push(`${entry.name}: ${m[0]}`);
        }
      }
    }
  };
  walk(dist);
  assert.deepEqual(found, [], 'fonts, icons and scripts must be bundled');
});

test('the app starts and captures a lead without a network, and a killed process keeps its saves', async () => {
  // The isolation this test depends on: loopback only, and the outside unreachable.
  const interfaces = Object.keys(networkInterfaces());
  assert.deepEqual(interfaces, ['lo'], `run under npm run test:offline (interfaces: ${interfaces})`);
  await assert.rejects(fetch('http://1.1.1.1/', { signal: AbortSignal.timeout(3000) }), 'the outside must be unreachable');

  let driver = await openApp(dataDir);
  let eventId;
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Kim Offline');
    await (await find(driver, 'onboarding-start')).click();
    await (await find(driver, 'onboarding-empty')).click();
    eventId = await ok(driver, 'create_event', {
      input: {
        kind: 'fair',
        name: 'Mässa utan nät',
        starts_on: '2026-11-23',
        ends_on: null,
        place: 'Stockholmsmässan',
        organiser_id: null,
        cost: '',
        four_t: ['talent'],
        participant_ids: [],
        notes: '',
        follow_up_days: 3,
      },
    });
    for (const [first, email] of [
      ['Saved1', 'saved1@example.se'],
      ['Saved2', 'saved2@example.se'],
    ]) {
      const r = await ok(driver, 'capture_lead', {
        input: { event_id: eventId, lead: lead(first, email), attach_to_household_id: null, follow_up_title: 'Följ upp' },
      });
      assert.equal(r.attached, false);
    }
    // Nothing the page loaded came from outside the app.
    const remote = await driver.executeScript(
      "return performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /^https?:/.test(n) && !/^https?:\\/\\/(ipc\\.)?localhost/.test(n))",
    );
    assert.deepEqual(remote, []);
    await screenshot(driver, 'offline-before-kill');
  } catch (e) {
    await screenshot(driver, 'failure-offline').catch(() => {});
    await driver.quit();
    throw e;
  }

  // Power-cut stand-in: SIGKILL the app right after the saves returned. No shutdown code runs.
  const pids = execFileSync('pgrep', ['-f', `landa-app.*${dataDir}`]).toString().trim().split('\n');
  assert.ok(pids.length > 0 && pids[0] !== '', 'the app process was found');
  for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
  await driver.quit().catch(() => {});

  driver = await openApp(dataDir);
  try {
    const page = await ok(driver, 'list_households', {
      filter: { query: 'Offline', phase: null, stage: null, municipality: null, tag: null, owner_id: null, limit: 50, offset: 0 },
    });
    const names = page.rows.map((r) => r.name).sort();
    assert.deepEqual(names, ['Saved1 Offline', 'Saved2 Offline'], 'every saved lead survived the kill');
    const event = await ok(driver, 'event', { id: eventId });
    assert.equal(event.outcomes.leads, 2);
  } finally {
    await driver.quit();
  }
});
