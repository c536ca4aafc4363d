// Whether the database is open, and the app lock. The database starts closed: the start screen
// asks for the passphrase (or, the first time, has one chosen) before anything else is loaded.
// Locking closes the database in the backend and wipes its key; the window then shows only the
// lock screen until the passphrase is given again.
//
// The OS keychain may remember the key on this computer: a start then opens without the
// passphrase, and the lock screen offers the keychain beside the passphrase.
import {
  commands,
  errorMessage,
  toApiFailure,
  unwrap,
  type ApiFailure,
  type KeychainState,
  type ProtectionStatus,
  type UserDto,
} from '$ipc';

export type ProtectionState =
  | { status: 'checking' }
  /** No database yet (`new`) or an unencrypted one from an older Landa (`plain`); `keychain`
   * says whether the first start can offer to remember the key. */
  | { status: 'new' | 'plain'; minChars: number; keychain: KeychainState }
  /** Encrypted and closed: at start, after the idle time, or locked on demand. `notice` is why
   * the keychain did not open it at start, as a sentence. */
  | { status: 'locked'; minChars: number; keychain: KeychainState; notice?: string }
  /** Open, on a device several coordinators share: who is working now? */
  | { status: 'choosing'; users: UserDto[]; current: string | null }
  | { status: 'open' }
  | { status: 'failed'; failure: ApiFailure };

let state = $state<ProtectionState>({ status: 'checking' });
/** Minutes without use before the window locks (0: never); read once the database is open. */
let idleMinutes = $state(0);

export const protection = {
  get state(): ProtectionState {
    return state;
  },
  get isOpen(): boolean {
    return state.status === 'open';
  },
  get idleMinutes(): number {
    return idleMinutes;
  },
};

/** Reads this computer's idle time (a device-local setting in the database). */
export async function loadLockSettings(): Promise<void> {
  idleMinutes = unwrap(await commands.lockSettings()).idle_minutes;
}

/** Saves a new idle time; the idle watch picks it up at once. */
export async function saveIdleMinutes(minutes: number): Promise<number> {
  idleMinutes = unwrap(await commands.setLockSettings({ idle_minutes: minutes })).idle_minutes;
  return idleMinutes;
}

function apply(status: ProtectionStatus): void {
  const minChars = status.min_passphrase_chars;
  // An unlock does not ask the keychain again; the open app does not need it.
  const keychain = status.keychain ?? 'unavailable';
  switch (status.state) {
    case 'open':
      state = { status: 'open' };
      break;
    case 'new':
    case 'plain':
      state = { status: status.state, minChars, keychain };
      break;
    default:
      state = { status: 'locked', minChars, keychain };
  }
}

/** Asks the backend what the database file is; a failure (no data folder) is shown as such.
 * At start, a key the keychain remembers opens the database without the passphrase; if it
 * cannot, the lock screen says why and asks for the passphrase. */
export async function loadProtection(): Promise<void> {
  let status: ProtectionStatus;
  try {
    status = unwrap(await commands.protectionStatus());
  } catch (caught) {
    state = { status: 'failed', failure: toApiFailure(caught) };
    return;
  }
  if (status.state === 'encrypted' && status.keychain === 'remembered') {
    // The start screen stays on "checking" meanwhile: the keychain may ask the OS user to
    // unlock it first.
    try {
      await unlockWithKeychain();
    } catch (caught) {
      await refreshLocked(errorMessage(toApiFailure(caught)));
    }
    return;
  }
  apply(status);
}

/** Shows the lock screen as the backend sees it now, with `notice` above the passphrase. */
async function refreshLocked(notice?: string): Promise<void> {
  try {
    const status = unwrap(await commands.protectionStatus());
    apply(status);
  } catch {
    // Keep what the window shows: the passphrase still works.
  }
  if (state.status === 'locked') state = { ...state, notice };
}

/** First start or an unencrypted database: protect it with a new passphrase, and remember
 * the key in the keychain when `remember`. Throws the backend's refusal (too short, the two
 * differ) for the form to show. Resolves to whether the key was remembered as asked: a
 * keychain that refused does not undo the protection. */
export async function protect(passphrase: string, repeated: string, remember = false): Promise<boolean> {
  const status = unwrap(await commands.protectDatabase(passphrase, repeated, remember));
  apply(status);
  return !remember || status.keychain === 'remembered';
}

/** Opens the locked database. Throws `wrong_passphrase` for the lock screen to say so. On a
 * device with more than one coordinator, the one working now signs in next ([signIn]). */
export async function unlock(passphrase: string): Promise<void> {
  await opened(unwrap(await commands.unlock(passphrase)));
}

/** Opens the locked database with the key the keychain remembers. Throws
 * `keychain_not_remembered` or `keychain_unavailable` for the lock screen to say so. */
export async function unlockWithKeychain(): Promise<void> {
  await opened(unwrap(await commands.unlockWithKeychain()));
}

/** After an unlock: on a device with more than one coordinator, who is working now? */
async function opened(status: ProtectionStatus): Promise<void> {
  if (status.state === 'open') {
    const info = unwrap(await commands.session());
    if (info.users.length > 1) {
      state = { status: 'choosing', users: info.users, current: info.user?.id ?? null };
      return;
    }
  }
  apply(status);
}

/** The coordinator working now, after an unlock; the backend logs the sign-in. */
export async function signIn(userId: string): Promise<void> {
  unwrap(await commands.signIn(userId));
  state = { status: 'open' };
}

/** Locks now. Refused while kiosk mode is on (the backend says `kiosk_active`). */
export async function lockNow(): Promise<void> {
  apply(unwrap(await commands.lock()));
}

/** A command answered `locked` (the window missed a lock): show the lock screen. */
export function noticeLocked(): void {
  if (state.status !== 'open') return;
  state = { status: 'locked', minChars: 10, keychain: 'unavailable' };
  void refreshLocked();
}

/** Whether the keychain remembers the open database's key (the settings' switch). */
export async function keychainState(): Promise<KeychainState> {
  return unwrap(await commands.protectionStatus()).keychain ?? 'unavailable';
}

/** Remembers the key in the keychain, or forgets it; resolves to the keychain's new state. */
export async function setRemembered(remember: boolean): Promise<KeychainState> {
  return unwrap(await (remember ? commands.rememberKey() : commands.forgetKey()));
}

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` once no pointer, key or wheel event has reached `target` for `minutes`.
 * Returns the function that stops watching (for an `$effect`'s cleanup).
 */
export function watchIdle(
  minutes: number,
  onIdle: () => void,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  now: () => number = Date.now,
): () => void {
  if (minutes <= 0) return () => {};
  const limit = minutes * 60_000;
  let last = now();
  let fired = false;
  const seen = () => {
    last = now();
  };
  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, seen, { passive: true });
  // A check every 15 seconds: the lock comes at most that late, and costs nothing meanwhile.
  const timer = setInterval(() => {
    if (!fired && now() - last >= limit) {
      fired = true;
      onIdle();
    }
  }, 15_000);
  return () => {
    clearInterval(timer);
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, seen);
  };
}
