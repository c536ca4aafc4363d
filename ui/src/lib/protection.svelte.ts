// Whether the database is open, and the app lock. The database starts closed: the start screen
// asks for the passphrase (or, the first time, has one chosen) before anything else is loaded.
// Locking closes the database in the backend and wipes its key; the window then shows only the
// lock screen until the passphrase is given again.
import { commands, toApiFailure, unwrap, type ApiFailure, type ProtectionStatus, type UserDto } from '$ipc';

export type ProtectionState =
  | { status: 'checking' }
  /** No database yet (`new`) or an unencrypted one from an older Landa (`plain`). */
  | { status: 'new' | 'plain'; minChars: number }
  /** Encrypted and closed: at start, after the idle time, or locked on demand. */
  | { status: 'locked'; minChars: number }
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
  switch (status.state) {
    case 'open':
      state = { status: 'open' };
      break;
    case 'new':
    case 'plain':
      state = { status: status.state, minChars };
      break;
    default:
      state = { status: 'locked', minChars };
  }
}

/** Asks the backend what the database file is; a failure (no data folder) is shown as such. */
export async function loadProtection(): Promise<void> {
  try {
    apply(unwrap(await commands.protectionStatus()));
  } catch (caught) {
    state = { status: 'failed', failure: toApiFailure(caught) };
  }
}

/** First start or an unencrypted database: protect it with a new passphrase. Throws the
 * backend's refusal (too short, the two differ) for the form to show. */
export async function protect(passphrase: string, repeated: string): Promise<void> {
  apply(unwrap(await commands.protectDatabase(passphrase, repeated)));
}

/** Opens the locked database. Throws `wrong_passphrase` for the lock screen to say so. On a
 * device with more than one coordinator, the one working now signs in next ([signIn]). */
export async function unlock(passphrase: string): Promise<void> {
  const status = unwrap(await commands.unlock(passphrase));
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
  if (state.status === 'open') state = { status: 'locked', minChars: 10 };
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
