import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Ipc from '$ipc';
import type { KioskInfo, LeadInput } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';

// The kiosk talks to the backend through `commands`; here they are stand-ins that record calls.
const calls = vi.hoisted(() => ({
  submitted: [] as LeadInput[],
  pins: [] as string[],
}));

vi.mock('$ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof Ipc>();
  return {
    ...actual,
    commands: {
      ...actual.commands,
      kioskSubmit: (lead: LeadInput) => {
        calls.submitted.push(lead);
        return Promise.resolve({ status: 'ok', data: null });
      },
      exitKiosk: (pin: string) => {
        calls.pins.push(pin);
        if (pin === '2468') return Promise.resolve({ status: 'ok', data: null });
        const code = pin === '9999' ? 'pin_blocked' : 'wrong_pin';
        return Promise.resolve({ status: 'error', error: { code, message: code, field: null } });
      },
      kioskInfo: () => Promise.resolve({ status: 'ok', data: null }),
    },
  };
});

const { default: KioskScreen } = await import('./KioskScreen.svelte');

const info: KioskInfo = {
  event_name: 'Jobbmässan Stockholm',
  idle_seconds: 60,
  consent_texts: [
    {
      id: '11111111-1111-4111-8111-111111111111',
      purpose: 'contact_about_moving',
      version: 3,
      text_sv: 'Ni får kontakta mig om flytt.',
      text_en: 'You may contact me about moving.',
      created_at: '2026-03-01T10:00:00Z',
    },
  ],
};

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;
let exited = 0;

beforeEach(() => {
  vi.useFakeTimers();
  setLocale('sv');
  calls.submitted.length = 0;
  calls.pins.length = 0;
  exited = 0;
  target = document.body.appendChild(document.createElement('div'));
  component = mount(KioskScreen, { target, props: { info, onexit: () => (exited += 1) } });
  flushSync();
});

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
  vi.useRealTimers();
});

const el = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const found = target.querySelector<T>(`[data-testid="${id}"]`) ?? document.querySelector<T>(`[data-testid="${id}"]`);
  if (!found) throw new Error(`no [data-testid=${id}]`);
  return found;
};

function type(id: string, value: string) {
  const input = el<HTMLInputElement>(id);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

function click(id: string) {
  el(id).click();
  flushSync();
}

async function settle() {
  await vi.advanceTimersByTimeAsync(0);
  flushSync();
}

describe('KioskScreen', () => {
  it('welcomes visitors to the event, in the staff language to begin with', () => {
    expect(el('kiosk-welcome').textContent).toBe('Välkommen till Jobbmässan Stockholm!');
    expect(el('consent-text-contact_about_moving').textContent).toBe('Ni får kontakta mig om flytt.');
  });

  it('sends the consent text in the language it was shown in, then thanks and clears', async () => {
    click('kiosk-language-en');
    expect(el('kiosk-welcome').textContent).toBe('Welcome to Jobbmässan Stockholm!');
    expect(el('consent-text-contact_about_moving').textContent).toBe('You may contact me about moving.');
    type('kiosk-first-name', 'Ingrid');
    type('kiosk-email', 'ingrid@example.no');
    click('kiosk-children-plus');
    click('kiosk-children-plus');
    type('kiosk-child-age-1', '7');
    click('consent-contact_about_moving');
    el<HTMLFormElement>('kiosk-form').requestSubmit();
    await settle();

    expect(calls.submitted).toHaveLength(1);
    expect(calls.submitted[0]).toMatchObject({
      adults: [{ first_name: 'Ingrid', last_name: '', profession: '' }],
      email: 'ingrid@example.no',
      children: [null, 7],
      consents: [{ purpose: 'contact_about_moving', text_id: info.consent_texts[0]!.id, language: 'en' }],
    });
    expect(el('kiosk-thanks').textContent).toContain('Thank you, Ingrid!');

    await vi.advanceTimersByTimeAsync(6000);
    flushSync();
    expect(target.querySelector('[data-testid="kiosk-thanks"]')).toBeNull();
    expect(el<HTMLInputElement>('kiosk-first-name').value).toBe('');
    expect(el('kiosk-welcome').textContent, 'the next visitor starts in the staff language').toBe(
      'Välkommen till Jobbmässan Stockholm!',
    );
  });

  it('shows what is missing without sending, in the visitor’s language', async () => {
    click('kiosk-language-en');
    el<HTMLFormElement>('kiosk-form').requestSubmit();
    await settle();
    expect(calls.submitted).toHaveLength(0);
    expect(el('kiosk-error').textContent).toContain('Something needs correcting');
    expect(target.textContent).toContain('Enter an email address or a phone number.');
  });

  it('clears itself after the idle time without input', async () => {
    type('kiosk-first-name', 'Gick iväg');
    await vi.advanceTimersByTimeAsync(59_000);
    flushSync();
    expect(el<HTMLInputElement>('kiosk-first-name').value, 'not yet').toBe('Gick iväg');
    type('kiosk-last-name', 'Halvvägs');
    await vi.advanceTimersByTimeAsync(59_000);
    flushSync();
    expect(el<HTMLInputElement>('kiosk-first-name').value, 'input restarts the countdown').toBe('Gick iväg');
    await vi.advanceTimersByTimeAsync(1_000);
    flushSync();
    expect(el<HTMLInputElement>('kiosk-first-name').value).toBe('');
    expect(el<HTMLInputElement>('kiosk-last-name').value).toBe('');
  });

  it('leaves only with the right PIN', async () => {
    click('kiosk-staff');
    type('kiosk-pin', '1111');
    click('kiosk-pin-ok');
    await settle();
    expect(el('kiosk-pin-problem').textContent).toContain('Fel PIN-kod');
    expect(exited).toBe(0);

    type('kiosk-pin', '9999');
    click('kiosk-pin-ok');
    await settle();
    expect(el('kiosk-pin-problem').textContent).toContain('För många försök. Vänta en minut');

    for (const d of ['2', '4', '6', '8']) click(`kiosk-pin-key-${d}`);
    click('kiosk-pin-ok');
    await settle();
    await settle();
    expect(calls.pins).toEqual(['1111', '9999', '2468']);
    expect(exited).toBe(1);
  });
});
