// Hosts and matching in the real window. A host is registered through the form and gets a
// host training on their page; a household that has arrived, with consent to share with
// hosts, finds that host from its own page, reads why the host fits, and the match runs its
// whole life: proposed, accepted, a meeting (which starts it), ended with an outcome and
// satisfaction from both sides. Then the batch on the matching page: computed, one row given
// another host, one row dropped, the rest proposed together.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { By, until } from 'selenium-webdriver';
import { byTest, choose, find, inDialog, invoke, openApp, press, pressTest, screenshot, setValue, snapshot, startDriver, waitForDialogClosed, waitForText } from './driver.mjs';

let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

async function onboard(driver) {
  await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
  await (await find(driver, 'onboarding-start')).click();
  await (await find(driver, 'onboarding-empty')).click();
  await driver.wait(until.elementLocated(By.css('nav a[href="#/hosts"]')), 15000);
}

async function go(driver, hash) {
  await driver.executeScript('location.hash = arguments[0]', hash);
}

async function waitForToast(driver, text) {
  await driver.wait(
    until.elementLocated(By.xpath(`//*[contains(@class, 'toast')]//p[contains(., ${JSON.stringify(text)})]`)),
    15000,
    `waiting for the notice "${text}"`,
  );
}

async function today(driver) {
  return (await invoke(driver, 'session')).today;
}

/** A household that has arrived, with an adult who agreed to share their details with hosts. */
async function arrivedHousehold(driver, { first, last, languages, profession, childAge, places, consent = true }) {
  const year = Number((await today(driver)).slice(0, 4));
  const members = [
    { id: null, first_name: first, last_name: last, role: 'adult', birth_year: year - 38, languages, profession, emails: [], phones: [] },
  ];
  if (childAge !== undefined) {
    members.push({ id: null, first_name: 'Lo', last_name: last, role: 'child', birth_year: year - childAge, languages: [], profession: '', emails: [], phones: [] });
  }
  const saved = await invoke(driver, 'create_household', {
    input: {
      name: '',
      members,
      desired_municipalities: places,
      source: '',
      source_event_id: null,
      tags: [],
      interests: [],
      notes: '',
      owner_id: null,
      stage: null,
      time_frame: null,
    },
  });
  const detail = await invoke(driver, 'household', { id: saved.id });
  if (consent) {
    await invoke(driver, 'record_consent', {
      input: {
        person_id: detail.members[0].id,
        purpose: 'share_with_hosts',
        basis: 'consent',
        status: 'given',
        text_version: 'blankett-1',
        method: 'form',
        note: null,
      },
    });
  }
  await invoke(driver, 'move_stage', { input: { household_id: saved.id, to_stage: 'arrived', reason: null, arrived_on: null } });
  return { id: saved.id, name: detail.name };
}

test('a host is registered and trained, found for a household, and the match runs to its end', async () => {
  const driver = await openApp(mkdtempSync(join(tmpdir(), 'landa-e2e-hosts-')));
  try {
    await onboard(driver);
    // The project requires trained hosts; a host training took place in January.
    const year = Number((await today(driver)).slice(0, 4));
    await invoke(driver, 'create_project', {
      input: {
        name: 'Inflytt Jämtland',
        funder: 'Region Jämtland Härjedalen',
        starts_on: `${year - 1}-01-01`,
        ends_on: null,
        municipalities: ['Östersund', 'Krokom'],
        require_trained_hosts: true,
        match_weights: { municipality: 5, language: 4, life_stage: 3, children_ages: 3, profession: 2, interests: 2 },
        notes: '',
      },
    });
    await invoke(driver, 'create_event', {
      input: {
        kind: 'host_training',
        name: 'Värdskapsutbildning januari',
        starts_on: `${year - 1}-01-20`,
        ends_on: null,
        place: 'Östersund',
        organiser_id: null,
        cost: '',
        four_t: ['tolerance'],
        participant_ids: [],
        notes: '',
        follow_up_days: null,
      },
    });
    // A second host who has not been trained: listed, but blocked, with the reason.
    await invoke(driver, 'create_host', {
      input: {
        name: 'Erik Johansson', municipality: 'Krokom', village: '', languages: ['svenska'], interests: [],
        profession: '', life_stage: 'couple', children_ages: [], capacity: 1, status: 'active', roles: [],
        availability: '', email: '', phone: '', consent_on: null, notes: '',
      },
    });
    const household = await arrivedHousehold(driver, {
      first: 'Samir',
      last: 'Haddad',
      languages: ['svenska', 'arabiska'],
      profession: 'ingenjör',
      childAge: 8,
      places: ['Brunflo', 'Östersund'],
    });

    // Register the host through the form.
    await go(driver, '#/hosts');
    await pressTest(driver, 'host-new');
    await (await inDialog(driver, 'host-name-input')).sendKeys('Maria Nilsson');
    await (await inDialog(driver, 'host-municipality')).sendKeys('Östersund');
    await (await inDialog(driver, 'host-village')).sendKeys('Brunflo');
    await (await inDialog(driver, 'host-languages')).sendKeys('svenska, arabiska');
    await (await inDialog(driver, 'host-interests')).sendKeys('friluftsliv, körsång');
    await (await inDialog(driver, 'host-profession')).sendKeys('civilingenjör');
    await choose(driver, await inDialog(driver, 'host-life-stage'), 'family');
    await (await inDialog(driver, 'host-children-ages')).sendKeys('7, 9');
    const capacity = await inDialog(driver, 'host-capacity');
    await capacity.clear();
    await capacity.sendKeys('2');
    await press(driver, await inDialog(driver, 'host-role-career'));
    await (await inDialog(driver, 'host-availability')).sendKeys('helger');
    await setValue(driver, await inDialog(driver, 'host-consent-on'), `${year - 1}-12-01`);
    await (await inDialog(driver, 'host-save')).click();

    // Saving opens the host's page; add the host training there.
    await waitForText(driver, 'host-name', 'Maria Nilsson');
    await waitForText(driver, 'host-facts', 'Karriärvärd');
    await waitForText(driver, 'host-facts', 'Ej utbildad');
    const training = await find(driver, 'host-training-event');
    await driver.executeScript(
      "arguments[0].selectedIndex = 1; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
      training,
    );
    await pressTest(driver, 'host-training-add');
    await waitForText(driver, 'host-training', 'Värdskapsutbildning januari');
    await waitForText(driver, 'host-facts', 'Utbildad');
    await snapshot(driver, 'host-page');

    // The household's page: find a host.
    await go(driver, `#/households/${household.id}`);
    await waitForText(driver, 'household-name', household.name);
    await waitForText(driver, 'household-host-section', 'Hushållet har ingen värd ännu.');
    await pressTest(driver, 'household-find-host');
    await waitForText(driver, 'candidate', 'Maria Nilsson');
    // The best candidate is explained right away, criterion by criterion, in plain words.
    await waitForText(driver, 'match-criterion', 'Bor i samma by: Brunflo');
    await waitForText(driver, 'match-criterion', 'Talar samma språk: svenska och arabiska');
    await waitForText(driver, 'match-criterion', 'Barn i liknande ålder (värdens barn: 7, 9)');
    await waitForText(driver, 'match-criterion', 'Närliggande yrke: ingenjör – civilingenjör');
    await waitForText(driver, 'candidate-blocked', 'Erik Johansson');
    await waitForText(driver, 'candidate-blocked', 'Projektet kräver värdskapsutbildning');
    await snapshot(driver, 'host-candidates');
    await press(driver, await inDialog(driver, 'candidate-propose'));
    await waitForToast(driver, 'Maria Nilsson föreslogs som värd');
    await waitForDialogClosed(driver);

    // Proposed → accepted: the household moves on to "host matched".
    await waitForText(driver, 'match-status', 'Föreslagen');
    await pressTest(driver, 'match-accept');
    await (await inDialog(driver, 'match-action-save')).click();
    await waitForDialogClosed(driver);
    await waitForText(driver, 'match-status', 'Accepterad');
    await waitForText(driver, 'household-stage', 'Värd matchad');

    // The first meeting starts the match.
    await pressTest(driver, 'match-meeting');
    await setValue(driver, await inDialog(driver, 'match-date'), await today(driver));
    await (await inDialog(driver, 'match-summary')).sendKeys('Fika hos Maria, pratade om skolan.');
    await (await inDialog(driver, 'match-action-save')).click();
    await waitForDialogClosed(driver);
    await waitForText(driver, 'match-status', 'Aktiv');
    await waitForText(driver, 'match-meetings', '1 träff');
    await waitForText(driver, 'timeline-item', 'Fika hos Maria');

    // End: an early end without a reason is refused next to the reason field.
    await pressTest(driver, 'match-end');
    await choose(driver, await inDialog(driver, 'match-outcome'), 'ended_early');
    await (await inDialog(driver, 'match-action-save')).click();
    await driver.wait(
      until.elementLocated(By.xpath("//dialog[@open]//*[contains(., 'Ange varför matchningen avbröts.')]")),
      15000,
      'the reason is required for an early end',
    );
    await choose(driver, await inDialog(driver, 'match-outcome'), 'completed');
    await (await inDialog(driver, 'match-reason')).sendKeys('Sex månader gick, de träffas fortfarande.');
    // The radios are styled as buttons (the input itself is hidden), so click them by script.
    const radio = (id) => driver.findElement(By.css(`dialog[open] [data-testid="${id}"]`));
    await driver.executeScript('arguments[0].click()', await radio('match-host-satisfaction-5'));
    await driver.executeScript('arguments[0].click()', await radio('match-household-satisfaction-4'));
    await (await inDialog(driver, 'match-action-save')).click();
    await waitForDialogClosed(driver);
    await waitForText(driver, 'match-status', 'Avslutad');
    await waitForText(driver, 'match-outcome-text', 'Genomförd');
    await waitForText(driver, 'match-satisfaction', 'värden 5 av 5 · hushållet 4 av 5');

    // The explanation saved with the match, on demand.
    await pressTest(driver, 'match-explain');
    await waitForText(driver, 'household-host-section', 'Bor i samma by: Brunflo');
    await snapshot(driver, 'household-host-section');

    // The host's page lists the match with the household's name.
    await go(driver, '#/hosts');
    await waitForText(driver, 'host-row', 'Maria Nilsson');
    await press(driver, await driver.findElement(By.xpath("//tr[@data-testid='host-row']//a[contains(., 'Maria Nilsson')]")));
    await waitForText(driver, 'host-matches', household.name);
    await waitForText(driver, 'host-matches', 'Avslutad');
  } catch (e) {
    await screenshot(driver, 'failure-hosts').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});

test('the batch proposal is computed, edited and proposed from the matching page', async () => {
  const driver = await openApp(mkdtempSync(join(tmpdir(), 'landa-e2e-matching-')));
  try {
    await onboard(driver);
    const host = (name, municipality, languages, capacity) => ({
      input: {
        name, municipality, village: '', languages, interests: [], profession: '', life_stage: null,
        children_ages: [], capacity, status: 'active', roles: [], availability: '', email: '', phone: '',
        consent_on: null, notes: '',
      },
    });
    await invoke(driver, 'create_host', host('Anna Berg', 'Krokom', ['svenska', 'polska'], 1));
    await invoke(driver, 'create_host', host('Lars Persson', 'Åre', ['svenska', 'engelska'], 2));
    const krokom = await arrivedHousehold(driver, { first: 'Piotr', last: 'Nowak', languages: ['polska'], profession: '', places: ['Krokom'] });
    const are = await arrivedHousehold(driver, { first: 'Emma', last: 'Smith', languages: ['engelska'], profession: '', places: ['Åre'] });
    const third = await arrivedHousehold(driver, { first: 'Jonas', last: 'Ek', languages: ['svenska'], profession: '', places: ['Åre'] });
    await arrivedHousehold(driver, { first: 'Ida', last: 'Lund', languages: ['svenska'], profession: '', places: ['Krokom'], consent: false });

    await go(driver, '#/matching');
    await waitForText(driver, 'unmatched-section', 'Ida Lund');
    await waitForText(driver, 'unmatched-no-consent', 'Samtycke saknas');
    await waitForText(driver, 'free-hosts-section', 'Anna Berg');

    await pressTest(driver, 'batch-compute');
    await waitForText(driver, 'batch-without-consent', '1 hushåll utan samtycke');
    await waitForText(driver, 'batch-matched', '3');
    const rowFor = async (name) =>
      driver.wait(
        until.elementLocated(By.xpath(`//tr[@data-testid='batch-row'][.//a[contains(., ${JSON.stringify(name)})]]`)),
        15000,
        `the batch row of ${name}`,
      );
    await driver.wait(
      async () => (await (await rowFor(krokom.name)).getAttribute('textContent')).includes('Anna Berg'),
      15000,
      'Nowak gets the host who speaks Polish in Krokom',
    );
    await driver.wait(
      async () => (await (await rowFor(are.name)).getAttribute('textContent')).includes('Lars Persson'),
      15000,
      'Smith gets the host in Åre',
    );

    // The explanation of a row, on request.
    await press(driver, await (await rowFor(krokom.name)).findElement(byTest('batch-explain')));
    await waitForText(driver, 'match-criterion', 'Talar samma språk: polska');

    // Give the third household another host: its score follows the choice.
    await press(driver, await (await rowFor(third.name)).findElement(byTest('batch-change')));
    // The picker is drawn after the click: wait for it rather than expect it at once.
    const picker = await driver.wait(
      async () => (await (await rowFor(third.name)).findElements(byTest('batch-host-select')))[0] ?? false,
      15000,
      'the host picker opens',
    );
    await driver.wait(async () => (await picker.findElements(By.css('option'))).length > 1, 15000, 'candidates loaded');
    const annaOption = await picker.findElement(By.xpath(".//option[contains(., 'Anna Berg')]"));
    await choose(driver, picker, await annaOption.getAttribute('value'));
    await driver.wait(
      async () => (await (await rowFor(third.name)).getAttribute('textContent')).includes('ändrad'),
      15000,
      'the row shows the changed host',
    );
    // Anna has one place and is now on two ticked rows: the page says so before sending.
    await waitForText(driver, 'batch-section', 'Anna Berg har inte plats för alla markerade hushåll.');
    // Drop Nowak's row: Anna's place goes to the third household.
    await press(driver, await (await rowFor(krokom.name)).findElement(byTest('batch-keep')));
    await waitForText(driver, 'batch-selected', '2');
    await snapshot(driver, 'matching-batch');
    await pressTest(driver, 'batch-propose');
    await waitForToast(driver, '2 matchningar föreslogs.');

    // The open matches list shows the two proposals; Nowak is still waiting for a host.
    await waitForText(driver, 'open-matches-section', are.name);
    await waitForText(driver, 'open-matches-section', third.name);
    await waitForText(driver, 'unmatched-section', krokom.name);
    const openRows = await driver.findElements(byTest('open-match-row'));
    if (openRows.length !== 2) throw new Error(`expected 2 open matches, found ${openRows.length}`);
    for (const row of openRows) {
      const text = await row.getAttribute('textContent');
      if (!text.includes('Föreslagen')) throw new Error(`an open match is not proposed: ${text}`);
    }
    await waitForText(driver, 'open-matches-section', 'Anna Berg');
  } catch (e) {
    await screenshot(driver, 'failure-matching').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
