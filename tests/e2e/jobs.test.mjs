// Jobs and dual careers in the real window: an employer with three openings (two seeded, one
// added on its page), a household of two adults, the accompanying partner referred to all
// three openings; one referral moves CV sent → interview → offer → hired, another ends in
// not hired, a step dated in the future is refused, and a mistaken referral is removed. The
// household's track, the employer's candidates and the indicator "companies that got access
// to labour" (0 → 1 for this year) show the result.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { By, until } from 'selenium-webdriver';
import { byTest, choose, chooseUntilChosen, find, inDialog, invoke, openApp, press, screenshot, setValue, startDriver, waitForDialogClosed, waitForText } from './driver.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'landa-e2e-jobs-'));
let tauriDriver;

before(async () => {
  tauriDriver = await startDriver();
});

after(() => {
  tauriDriver?.kill();
});

const NURSE = 'Sjuksköterska, akutmottagningen';
const TECHNICIAN = 'Underhållstekniker';
const TEACHER = 'Lärare i matematik';

async function go(driver, hash) {
  await driver.executeScript('location.hash = arguments[0]', hash);
}

/** An element by CSS selector, once present and visible. */
async function css(driver, selector, timeout = 15000) {
  const el = await driver.wait(until.elementLocated(By.css(selector)), timeout, `waiting for ${selector}`);
  await driver.wait(until.elementIsVisible(el), timeout, `waiting for ${selector} to be visible`);
  return el;
}

const referralCard = (title) => `[data-testid="referral"][data-opening="${title}"]`;

/** Waits until the household's referral to `title` stands at `status`. */
async function referralAt(driver, title, status) {
  await css(driver, `${referralCard(title)}[data-status="${status}"]`);
}

/** Opens "Nästa steg" on the referral to `title`, optionally picks a status, and saves. */
async function nextStep(driver, title, status = null) {
  const card = await css(driver, referralCard(title));
  await press(driver, await card.findElement(byTest('referral-next')));
  if (status) {
    const select = await inDialog(driver, 'step-status');
    await select.findElement(By.css(`option[value="${status}"]`)).click();
  }
  await (await inDialog(driver, 'step-save')).click();
  await waitForDialogClosed(driver);
}

/**
 * Refers the accompanying partner to the opening `title`, found by typing part of it. With
 * `basisFirst`, the partner has no basis for sharing with employers yet: the referral is
 * refused with the reason, the basis is recorded from the refusal, and the same dialog then
 * refers.
 */
async function referPartner(driver, title, search, { basisFirst = false } = {}) {
  const partner = await css(driver, '[data-testid="job-adult"][data-partner="true"]');
  await press(driver, await partner.findElement(byTest('refer-member')));
  const person = await inDialog(driver, 'refer-person');
  await driver.wait(
    async () => ((await person.getAttribute('value')) ?? '') !== '',
    15000,
    'the partner is chosen when the dialog opens',
  );
  await (await inDialog(driver, 'refer-search')).sendKeys(search);
  // The list is searched as the letters arrive, so it may be drawn again after the opening
  // first shows: choose it until it stays chosen (found afresh each time), then save.
  const label = By.xpath(`//dialog[@open]//label[@data-testid="refer-opening"][contains(., "${title}")]`);
  await chooseUntilChosen(driver, label, `choosing the opening ${title} in the list`);
  await (await inDialog(driver, 'refer-save')).click();
  if (basisFirst) {
    const recordBasis = await find(driver, 'refer-record-basis');
    const refusal = await driver.executeScript('return document.querySelector("dialog[open]").textContent');
    if (!refusal.includes('ingen registrerad grund för att dela sina uppgifter med arbetsgivare')) {
      throw new Error(`the refusal must say why: ${refusal}`);
    }
    await screenshot(driver, 'referral-needs-basis');
    await press(driver, recordBasis);
    await (await find(driver, 'consent-text-version')).sendKeys('v1-sv');
    await choose(driver, await find(driver, 'consent-method'), 'verbal');
    await press(driver, await find(driver, 'consent-save'));
    // The basis dialog closes; the referral dialog stays, with the opening still chosen.
    await driver.wait(
      async () => (await driver.findElements(By.css('dialog[open]'))).length === 1,
      15000,
      'the basis is recorded and its dialog closes',
    );
    await press(driver, await find(driver, 'refer-save'));
  }
  await waitForDialogClosed(driver);
  await referralAt(driver, title, 'suggested');
}

test('the accompanying partner is referred, hired by one employer, and the indicator counts it', async () => {
  const driver = await openApp(dataDir);
  try {
    await (await find(driver, 'onboarding-name')).sendKeys('Karin Lindgren');
    await (await find(driver, 'onboarding-start')).click();
    await (await find(driver, 'onboarding-empty')).click();
    await driver.wait(until.elementLocated(By.css('nav a[href="#/jobs"]')), 15000);

    // An employer with two openings, seeded; the third is added on its page below.
    const employerId = await invoke(driver, 'create_organisation', {
      input: {
        name: 'Falu Lasarett',
        kind: 'employer',
        municipality: 'Falun',
        website: '',
        email: '',
        phone: '',
        participating: false,
        participating_since: null,
        notes: '',
      },
    });
    for (const [title, area] of [
      [NURSE, 'Vård'],
      [TECHNICIAN, 'Teknik'],
    ]) {
      await invoke(driver, 'create_opening', {
        input: {
          organisation_id: employerId,
          title,
          competence_area: area,
          municipality: 'Falun',
          starts_on: null,
          status: 'open',
          notes: '',
        },
      });
    }

    // Before any referral: no company has got labour this year.
    await go(driver, '#/jobs');
    await waitForText(driver, 'labour-with-hire', '0');
    await waitForText(driver, 'labour-with-referral', '0');
    const thisYear = await find(driver, 'labour-this-year');
    await driver.wait(async () => (await thisYear.getAttribute('aria-pressed')) === 'true', 15000, 'this year by default');
    await waitForText(driver, 'opening-row', NURSE);

    // The third opening, added on the employer's page, where the section comes first.
    await go(driver, `#/organisations/${employerId}`);
    await find(driver, 'employer-jobs');
    await press(driver, await find(driver, 'opening-new'));
    await (await inDialog(driver, 'opening-title')).sendKeys(TEACHER);
    await (await inDialog(driver, 'opening-competence')).sendKeys('Skola');
    await (await inDialog(driver, 'opening-save')).click();
    await waitForDialogClosed(driver);
    await waitForText(driver, 'employer-opening', TEACHER);

    // A household of two adults: the second is the accompanying partner.
    await go(driver, '#/households');
    await (await find(driver, 'new-household')).click();
    await (await find(driver, 'member-0-first-name')).sendKeys('Sara');
    await (await find(driver, 'member-0-last-name')).sendKeys('Lind');
    await press(driver, await find(driver, 'add-adult'));
    await (await find(driver, 'member-1-first-name')).sendKeys('Johan');
    await (await find(driver, 'member-1-last-name')).sendKeys('Lind');
    await (await find(driver, 'save-household')).click();
    await waitForText(driver, 'household-name', 'Lind');

    // The partner is listed first and prominently, even with nothing yet.
    const partner = await css(driver, '[data-testid="job-adult"][data-partner="true"]');
    const partnerText = await partner.getAttribute('textContent');
    if (!partnerText.includes('Johan Lind') || !partnerText.includes('Medflyttande partner')) {
      throw new Error(`the partner card should name Johan as the accompanying partner: ${partnerText}`);
    }
    await waitForText(driver, 'job-adult-empty', 'Ingen hänvisning än – hänvisa till en tjänst');
    const first = await css(driver, '[data-testid="job-adult"]');
    if ((await first.getAttribute('data-partner')) !== 'true') throw new Error('the partner must come first');

    // Refer the partner to all three openings.
    await referPartner(driver, NURSE, 'akut', { basisFirst: true });
    await referPartner(driver, TECHNICIAN, 'Underhåll');
    await referPartner(driver, TEACHER, 'matematik');

    // A step dated in the future is refused next to its field.
    const card = await css(driver, referralCard(NURSE));
    await press(driver, await card.findElement(byTest('referral-next')));
    await setValue(driver, await inDialog(driver, 'step-on'), `${new Date().getFullYear() + 1}-01-15`);
    await (await inDialog(driver, 'step-save')).click();
    await driver.wait(
      until.elementLocated(By.xpath("//dialog[@open]//*[contains(., 'Datumet kan inte ligga i framtiden.')]")),
      15000,
      'the future-date error next to its field',
    );
    await setValue(driver, await inDialog(driver, 'step-on'), '');
    await (await inDialog(driver, 'step-save')).click();
    await waitForDialogClosed(driver);

    // The nurse referral: CV sent (just saved) → interview → offer → hired.
    await referralAt(driver, NURSE, 'cv_sent');
    await nextStep(driver, NURSE);
    await referralAt(driver, NURSE, 'interview');
    await nextStep(driver, NURSE);
    await referralAt(driver, NURSE, 'offer');
    await nextStep(driver, NURSE);
    await referralAt(driver, NURSE, 'hired');

    // The technician referral ends in not hired.
    await nextStep(driver, TECHNICIAN, 'not_hired');
    await referralAt(driver, TECHNICIAN, 'not_hired');

    // The track shows every step with its date, the hire as the outcome.
    for (const status of ['suggested', 'cv_sent', 'interview', 'offer']) {
      const node = await css(driver, `${referralCard(NURSE)} [data-testid="track-step-${status}"]`);
      if ((await node.getAttribute('data-state')) !== 'done') throw new Error(`${status} should be done`);
      if (!(await node.findElements(By.css('time')))[0]) throw new Error(`${status} should show its date`);
    }
    await css(driver, `${referralCard(NURSE)} [data-testid="track-step-hired"][data-state="current"]`);
    await css(driver, `${referralCard(TECHNICIAN)} [data-testid="track-step-not_hired"][data-state="current"]`);
    await screenshot(driver, 'jobs-household');

    // The indicator: one company got access to labour this year.
    await go(driver, '#/jobs');
    await waitForText(driver, 'labour-with-hire', '1');
    await waitForText(driver, 'labour-with-referral', '1');
    await waitForText(driver, 'labour-employer', 'Falu Lasarett');
    await screenshot(driver, 'jobs-page');

    // Last year had none of it.
    await (await find(driver, 'labour-last-year')).click();
    await waitForText(driver, 'labour-with-hire', '0');

    // The employer's page lists the three candidates with their status, linking to the household.
    await go(driver, `#/organisations/${employerId}`);
    await driver.wait(
      async () => (await driver.findElements(byTest('employer-candidate'))).length === 3,
      15000,
      'three referred candidates',
    );
    await css(driver, '[data-testid="employer-candidate"][data-status="hired"]');
    await waitForText(driver, 'employer-candidate', 'Anställd');
    const link = await css(driver, '[data-testid="employer-candidate"][data-status="hired"] a');
    await press(driver, link);
    await waitForText(driver, 'household-name', 'Lind');

    // A referral made by mistake is removed after a confirmation.
    const teacher = await css(driver, referralCard(TEACHER));
    await press(driver, await teacher.findElement(byTest('referral-remove')));
    await (await inDialog(driver, 'referral-remove-confirm')).click();
    await driver.wait(
      async () => (await driver.findElements(By.css(referralCard(TEACHER)))).length === 0,
      15000,
      'the removed referral disappears',
    );
    await referralAt(driver, NURSE, 'hired');
  } catch (e) {
    await screenshot(driver, 'failure-jobs').catch(() => {});
    throw e;
  } finally {
    await driver.quit();
  }
});
