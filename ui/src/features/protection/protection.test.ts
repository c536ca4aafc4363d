import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Ipc from '$ipc';
import type { ApiError, KeychainState, ProtectionStatus, Result } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';

// The backend's side of encryption and the lock: each test sets the answers and reads what
// was asked.
const backend = vi.hoisted(() => {
  const state: {
    protectAsked: [string, string, boolean][];
    unlockAsked: string[];
    answer: unknown;
    users: { id: string; name: string }[];
    signedIn: string[];
    /** What `protection_status` answers. */
    status: unknown;
    keychainAsked: number;
    keychainAnswer: unknown;
    remembered: boolean[];
    rememberAnswer: unknown;
  } = {
    protectAsked: [],
    unlockAsked: [],
    answer: null,
    users: [],
    signedIn: [],
    status: null,
    keychainAsked: 0,
    keychainAnswer: null,
    remembered: [],
    rememberAnswer: null,
  };
  return state;
});

vi.mock('$ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof Ipc>();
  return {
    ...actual,
    commands: {
      ...actual.commands,
      protectDatabase: (passphrase: string, repeated: string, remember: boolean) => {
        backend.protectAsked.push([passphrase, repeated, remember]);
        return Promise.resolve(backend.answer);
      },
      protectionStatus: () => Promise.resolve(backend.status),
      unlockWithKeychain: () => {
        backend.keychainAsked += 1;
        return Promise.resolve(backend.keychainAnswer);
      },
      rememberKey: () => {
        backend.remembered.push(true);
        return Promise.resolve(backend.rememberAnswer);
      },
      forgetKey: () => {
        backend.remembered.push(false);
        return Promise.resolve(backend.rememberAnswer);
      },
      unlock: (passphrase: string) => {
        backend.unlockAsked.push(passphrase);
        return Promise.resolve(backend.answer);
      },
      session: () =>
        Promise.resolve({
          status: 'ok',
          data: {
            user: backend.users.at(-1) ?? null,
            users: backend.users,
            database_path: '/tmp/landa.db',
            is_empty: false,
            today: '2026-11-24',
          },
        }),
      signIn: (userId: string) => {
        backend.signedIn.push(userId);
        const user = backend.users.find((u) => u.id === userId);
        return Promise.resolve(
          user
            ? { status: 'ok', data: user }
            : { status: 'error', error: { code: 'not_found', message: 'no such user', field: null } },
        );
      },
    },
  };
});

const { default: ProtectScreen } = await import('./ProtectScreen.svelte');
const { default: LockScreen } = await import('./LockScreen.svelte');
const { default: SignInScreen } = await import('./SignInScreen.svelte');
const { default: SecuritySection } = await import('./SecuritySection.svelte');
const { protection, watchIdle, unlock, loadProtection } = await import('$lib/protection.svelte');
const { toast, dismissAll } = await import('$lib/components/toast.svelte');

const opened: Result<ProtectionStatus, ApiError> = {
  status: 'ok',
  data: { state: 'open', min_passphrase_chars: 10, keychain: 'unavailable' },
};

const status = (state: string, keychain: ProtectionStatus['keychain']): Result<ProtectionStatus, ApiError> => ({
  status: 'ok',
  data: { state, min_passphrase_chars: 10, keychain },
});

const failure = (code: string): Result<ProtectionStatus, ApiError> => ({
  status: 'error',
  error: { code, message: code, field: null },
});

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;

beforeEach(() => {
  setLocale('sv');
  backend.protectAsked.length = 0;
  backend.unlockAsked.length = 0;
  backend.answer = null;
  backend.users = [];
  backend.signedIn.length = 0;
  backend.status = null;
  backend.keychainAsked = 0;
  backend.keychainAnswer = null;
  backend.remembered.length = 0;
  backend.rememberAnswer = null;
  dismissAll();
  target = document.createElement('div');
  document.body.append(target);
});

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
});

const byTestId = <T extends HTMLElement>(testid: string) => {
  const element = document.querySelector<T>(`[data-testid="${testid}"]`);
  if (!element) throw new Error(`no ${testid}`);
  return element;
};

function type(testid: string, value: string) {
  const input = byTestId<HTMLInputElement>(testid);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

describe('the first start chooses a passphrase', () => {
  beforeEach(() => {
    component = mount(ProtectScreen, { target, props: { kind: 'new', minChars: 10, keychain: 'unavailable' } });
    flushSync();
  });

  it('asks for it twice, hidden, and counts the characters as they are typed', () => {
    expect(document.querySelector('h1')?.textContent).toContain('Skydda uppgifterna med en lösenfras');
    expect(byTestId<HTMLInputElement>('protect-passphrase').type, 'hidden while typed').toBe('password');
    expect(byTestId<HTMLButtonElement>('protect-start').disabled, 'nothing to send yet').toBe(true);
    type('protect-passphrase', 'åäö åäö');
    expect(target.textContent, 'characters, not bytes').toContain('7 av minst 10 tecken');
    byTestId<HTMLInputElement>('protect-show').click();
    flushSync();
    expect(byTestId<HTMLInputElement>('protect-passphrase').type, 'shown on request').toBe('text');
  });

  it('puts the backend’s refusal next to the field it is about and opens nothing', async () => {
    backend.answer = {
      status: 'error',
      error: { code: 'validation', message: 'differ', field: 'repeated', kind: 'passphrases_differ' },
    } satisfies Result<ProtectionStatus, ApiError>;
    type('protect-passphrase', 'tre gröna äpplen');
    type('protect-repeat', 'tre gröna äpplen!');
    byTestId<HTMLButtonElement>('protect-start').click();
    await vi.waitFor(() => expect(target.textContent).toContain('De två lösenfraserna är inte lika.'));
    const repeat = byTestId<HTMLInputElement>('protect-repeat');
    expect(repeat.getAttribute('aria-invalid'), 'the repeat field is the one marked').toBe('true');
    expect(backend.protectAsked).toEqual([['tre gröna äpplen', 'tre gröna äpplen!', false]]);
    expect(protection.isOpen).toBe(false);
  });

  it('opens the database once the backend has protected it', async () => {
    backend.answer = opened;
    type('protect-passphrase', 'tre gröna äpplen');
    type('protect-repeat', 'tre gröna äpplen');
    byTestId<HTMLButtonElement>('protect-start').click();
    await vi.waitFor(() => expect(protection.isOpen).toBe(true));
  });
});

describe('the first start and the keychain', () => {
  function start(keychain: KeychainState) {
    component = mount(ProtectScreen, { target, props: { kind: 'new', minChars: 10, keychain } });
    flushSync();
    type('protect-passphrase', 'tre gröna äpplen');
    type('protect-repeat', 'tre gröna äpplen');
  }

  it('says plainly when no keychain answers, and offers no choice', () => {
    start('unavailable');
    expect(byTestId('protect-no-keychain').textContent).toContain('Datorns nyckelring svarar inte');
    expect(document.querySelector('[data-testid="protect-opening"]'), 'nothing to choose').toBeNull();
  });

  it('offers the choice with asking every time chosen, and protects without remembering', async () => {
    start('available');
    const group = byTestId('protect-opening');
    expect(group.querySelector('legend')?.textContent).toBe('Hur ska Landa öppnas på den här datorn?');
    expect(byTestId<HTMLInputElement>('protect-ask').checked, 'the safer choice is the default').toBe(true);
    backend.answer = status('open', 'available');
    byTestId<HTMLButtonElement>('protect-start').click();
    await vi.waitFor(() => expect(protection.isOpen).toBe(true));
    expect(backend.protectAsked).toEqual([['tre gröna äpplen', 'tre gröna äpplen', false]]);
  });

  it('remembers the key when chosen, and says so when the keychain would not take it', async () => {
    start('available');
    byTestId<HTMLInputElement>('protect-remember').click();
    flushSync();
    backend.answer = status('open', 'available');
    byTestId<HTMLButtonElement>('protect-start').click();
    await vi.waitFor(() => expect(protection.isOpen).toBe(true));
    expect(backend.protectAsked).toEqual([['tre gröna äpplen', 'tre gröna äpplen', true]]);
    await vi.waitFor(() =>
      expect(
        toast.items.map((item) => item.message),
        'the database is protected all the same; the window says the key is not remembered',
      ).toContain(
        'Datorns nyckelring kunde inte spara nyckeln, så Landa frågar efter lösenfrasen vid nästa start. Försök igen under Data → Kryptering och lås.',
      ),
    );
  });
});

describe('starting with a remembered key', () => {
  it('opens without the passphrase', async () => {
    backend.status = status('encrypted', 'remembered');
    backend.keychainAnswer = status('open', 'remembered');
    backend.users = [{ id: 'u1', name: 'Karin Lindgren' }];
    await loadProtection();
    expect(backend.keychainAsked).toBe(1);
    expect(protection.state.status).toBe('open');
    expect(backend.unlockAsked, 'no passphrase was asked for').toEqual([]);
  });

  it('asks for the passphrase, saying why, when the keychain no longer opens the database', async () => {
    backend.status = status('encrypted', 'remembered');
    backend.keychainAnswer = failure('keychain_not_remembered');
    await loadProtection();
    expect(protection.state).toMatchObject({
      status: 'locked',
      notice: 'Datorns nyckelring har ingen nyckel som öppnar databasen. Skriv lösenfrasen.',
    });
  });

  it('does not ask the keychain when nothing is remembered', async () => {
    backend.status = status('encrypted', 'available');
    await loadProtection();
    expect(backend.keychainAsked).toBe(0);
    expect(protection.state).toMatchObject({ status: 'locked', keychain: 'available' });
  });
});

describe('the lock screen with a remembered key', () => {
  it('offers the keychain beside the passphrase, and opens with it', async () => {
    component = mount(LockScreen, { target, props: { keychain: 'remembered' } });
    flushSync();
    backend.keychainAnswer = status('open', 'remembered');
    expect(byTestId('lock-keychain').textContent).toContain('Lås upp med datorns nyckelring');
    byTestId<HTMLButtonElement>('lock-keychain').click();
    await vi.waitFor(() => expect(protection.isOpen).toBe(true));
    expect(backend.unlockAsked).toEqual([]);
  });

  it('says why the keychain did not open it, and keeps the passphrase', async () => {
    component = mount(LockScreen, { target, props: { keychain: 'remembered' } });
    flushSync();
    backend.keychainAnswer = failure('keychain_unavailable');
    byTestId<HTMLButtonElement>('lock-keychain').click();
    await vi.waitFor(() =>
      expect(byTestId('lock-keychain-error').textContent).toBe(
        'Datorns nyckelring svarade inte eller nekade åtkomst. Landa öppnas fortfarande med lösenfrasen.',
      ),
    );
    expect(byTestId('lock-passphrase'), 'the passphrase is still the way in').toBeTruthy();
  });

  it('offers no keychain button when nothing is remembered', () => {
    component = mount(LockScreen, { target, props: { keychain: 'available' } });
    flushSync();
    expect(document.querySelector('[data-testid="lock-keychain"]')).toBeNull();
  });
});

describe('the settings’ keychain switch', () => {
  it('shows whether the key is remembered and remembers or forgets it', async () => {
    backend.status = status('open', 'available');
    component = mount(SecuritySection, { target });
    await vi.waitFor(() => expect(byTestId<HTMLInputElement>('security-remember').checked).toBe(false));
    backend.rememberAnswer = { status: 'ok', data: 'remembered' };
    byTestId<HTMLInputElement>('security-remember').click();
    await vi.waitFor(() => expect(backend.remembered).toEqual([true]));
    await vi.waitFor(() => expect(byTestId<HTMLInputElement>('security-remember').disabled).toBe(false));
    expect(byTestId<HTMLInputElement>('security-remember').checked).toBe(true);
    backend.rememberAnswer = { status: 'ok', data: 'available' };
    byTestId<HTMLInputElement>('security-remember').click();
    await vi.waitFor(() => expect(backend.remembered).toEqual([true, false]));
    await vi.waitFor(() => expect(byTestId<HTMLInputElement>('security-remember').disabled).toBe(false));
    expect(byTestId<HTMLInputElement>('security-remember').checked).toBe(false);
  });

  it('says when this computer has no keychain', async () => {
    backend.status = status('open', 'unavailable');
    component = mount(SecuritySection, { target });
    await vi.waitFor(() =>
      expect(byTestId('security-no-keychain').textContent).toContain('kan inte komma ihåg nyckeln'),
    );
    expect(document.querySelector('[data-testid="security-remember"]')).toBeNull();
  });

  it('puts the switch back and says why when the keychain refuses', async () => {
    backend.status = status('open', 'available');
    component = mount(SecuritySection, { target });
    await vi.waitFor(() => expect(byTestId<HTMLInputElement>('security-remember').checked).toBe(false));
    backend.rememberAnswer = failure('keychain_unavailable');
    byTestId<HTMLInputElement>('security-remember').click();
    await vi.waitFor(() =>
      expect(toast.items.map((item) => item.message)).toContain(
        'Datorns nyckelring svarade inte eller nekade åtkomst. Landa öppnas fortfarande med lösenfrasen.',
      ),
    );
    await vi.waitFor(() => expect(byTestId<HTMLInputElement>('security-remember').disabled).toBe(false));
    expect(
      byTestId<HTMLInputElement>('security-remember').checked,
      'the box shows what the keychain holds: nothing',
    ).toBe(false);
  });
});

describe('the lock screen', () => {
  beforeEach(() => {
    component = mount(LockScreen, { target });
    flushSync();
  });

  it('says a wrong passphrase is wrong, empties the field and keeps the lock', async () => {
    backend.answer = {
      status: 'error',
      error: { code: 'wrong_passphrase', message: 'wrong passphrase', field: null },
    } satisfies Result<ProtectionStatus, ApiError>;
    type('lock-passphrase', 'fel fras här');
    byTestId<HTMLButtonElement>('lock-unlock').click();
    await vi.waitFor(() => expect(target.textContent).toContain('Fel lösenfras.'));
    expect(byTestId<HTMLInputElement>('lock-passphrase').value, 'typed again from scratch').toBe('');
    expect(backend.unlockAsked).toEqual(['fel fras här']);
  });

  it('is in English too', () => {
    setLocale('en');
    flushSync();
    expect(document.querySelector('h1')?.textContent).toBe('Landa is locked');
    expect(byTestId('lock-unlock').textContent).toContain('Unlock');
  });
});

describe('signing in on a shared device', () => {
  it('opens at once with one coordinator, and asks who is working with several', async () => {
    backend.answer = opened;
    backend.users = [{ id: 'u1', name: 'Karin Lindgren' }];
    await unlock('rätt lösenfras');
    expect(protection.state.status, 'one coordinator: straight in').toBe('open');

    backend.users = [
      { id: 'u2', name: 'Ahmed Yousef' },
      { id: 'u1', name: 'Karin Lindgren' },
    ];
    await unlock('rätt lösenfras');
    expect(protection.state).toMatchObject({ status: 'choosing', current: 'u1' });
    expect(protection.isOpen, 'nothing of the app shows before the choice').toBe(false);
  });

  it('offers each coordinator, the last one chosen, and signs in the one picked', async () => {
    backend.users = [
      { id: 'u2', name: 'Ahmed Yousef' },
      { id: 'u1', name: 'Karin Lindgren' },
    ];
    component = mount(SignInScreen, { target, props: { users: backend.users, current: 'u1' } });
    flushSync();
    const people = [...document.querySelectorAll<HTMLInputElement>('[data-testid="sign-in-user"]')];
    expect(people.map((p) => p.checked)).toEqual([false, true]);
    expect(byTestId('sign-in-continue').textContent).toContain('Fortsätt som Karin Lindgren');
    people[0]?.click();
    flushSync();
    expect(byTestId('sign-in-continue').textContent).toContain('Fortsätt som Ahmed Yousef');
    byTestId<HTMLButtonElement>('sign-in-continue').click();
    await vi.waitFor(() => expect(backend.signedIn).toEqual(['u2']));
    await vi.waitFor(() => expect(protection.state.status).toBe('open'));
  });
});

describe('the idle lock', () => {
  function clock() {
    let now = 0;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  }

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('locks once after the idle time without use, and not before', () => {
    const time = clock();
    const onIdle = vi.fn();
    const stop = watchIdle(10, onIdle, new EventTarget(), time.now);
    time.advance(9 * 60_000);
    vi.advanceTimersByTime(15_000);
    expect(onIdle, 'nine minutes are not ten').not.toHaveBeenCalled();
    time.advance(60_000);
    vi.advanceTimersByTime(15_000);
    expect(onIdle).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(60_000);
    expect(onIdle, 'locking once is enough').toHaveBeenCalledOnce();
    stop();
  });

  it('starts the idle time again at every key, click or move', () => {
    const time = clock();
    const events = new EventTarget();
    const onIdle = vi.fn();
    const stop = watchIdle(5, onIdle, events, time.now);
    for (const name of ['keydown', 'pointerdown', 'pointermove', 'wheel']) {
      time.advance(4 * 60_000);
      events.dispatchEvent(new Event(name));
      vi.advanceTimersByTime(15_000);
    }
    expect(onIdle, 'used every four minutes: never idle for five').not.toHaveBeenCalled();
    stop();
    time.advance(60 * 60_000);
    vi.advanceTimersByTime(60_000);
    expect(onIdle, 'a stopped watch locks nothing').not.toHaveBeenCalled();
  });

  it('never locks when the idle time is 0', () => {
    const time = clock();
    const onIdle = vi.fn();
    watchIdle(0, onIdle, new EventTarget(), time.now);
    time.advance(24 * 60 * 60_000);
    vi.advanceTimersByTime(24 * 60 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
