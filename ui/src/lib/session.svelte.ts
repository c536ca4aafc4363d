// Who is using Landa on this device, shared by the first-run gate, the user switcher and the
// views that show "my" work. Switching user writes only a local setting, so the backend sends
// no change event for it: views that depend on the user read `session.user` in their effects.
import { commands, toApiFailure, unwrap, type ApiFailure, type SessionInfo, type UserDto } from '$ipc';

export type SessionState =
  | { status: 'loading' }
  | { status: 'ready'; info: SessionInfo }
  | { status: 'failed'; failure: ApiFailure };

let state = $state<SessionState>({ status: 'loading' });

export const session = {
  get state(): SessionState {
    return state;
  },
  get info(): SessionInfo | null {
    return state.status === 'ready' ? state.info : null;
  },
  get user(): UserDto | null {
    return state.status === 'ready' ? state.info.user : null;
  },
  get users(): UserDto[] {
    return state.status === 'ready' ? state.info.users : [];
  },
  /** The backend's date (`YYYY-MM-DD`), so "overdue" agrees with the task list it sent. */
  get today(): string | null {
    return state.status === 'ready' ? state.info.today : null;
  },
};

/** Loads the session; a failure (newer database, unreadable disk) becomes the `failed` state. */
export async function loadSession(): Promise<void> {
  try {
    state = { status: 'ready', info: unwrap(await commands.session()) };
  } catch (caught) {
    state = { status: 'failed', failure: toApiFailure(caught) };
  }
}

/** Re-reads the session without falling back to `loading`, so nothing flickers. */
export async function refreshSession(): Promise<void> {
  try {
    const info = unwrap(await commands.session());
    state = { status: 'ready', info };
  } catch {
    // Keep what we have: a failed refresh after a successful start is not a startup failure,
    // and the view that triggered it reports its own error.
  }
}

/** Adds a coordinator. The backend makes the first one on a device the current user. */
export async function addUser(name: string): Promise<UserDto> {
  const user = unwrap(await commands.createUser(name));
  await refreshSession();
  return user;
}

export async function switchUser(id: string): Promise<void> {
  unwrap(await commands.setCurrentUser(id));
  await refreshSession();
}
