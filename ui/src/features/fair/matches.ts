// The duplicate warning of fair mode: while email or phone are typed, ask (debounced) who
// already has them. Answers that arrive after newer typing are dropped, so the panel never
// shows matches for an address that is no longer in the field.
import type { ContactMatch } from '$ipc';
import { debounce, realTimers, type TimerApi } from './idle';

export const MATCH_DELAY_MS = 250;

export interface MatchLookup {
  /** The email and phone fields changed. */
  update(email: string, phone: string): void;
  /** Clears the answer and forgets anything pending (e.g. after a save). */
  reset(): void;
  /** Stops for good (the screen closes). */
  dispose(): void;
}

/** Too short to be worth a question: a few letters of an email match nothing useful. */
export function worthAsking(email: string, phone: string): boolean {
  const e = email.trim();
  const digits = phone.replace(/\D/g, '');
  return (e.includes('@') && e.length >= 5) || digits.length >= 6;
}

export function createMatchLookup(
  ask: (email: string, phone: string) => Promise<ContactMatch[]>,
  onResult: (matches: ContactMatch[]) => void,
  ms = MATCH_DELAY_MS,
  timers: TimerApi = realTimers,
): MatchLookup {
  let generation = 0;
  let last = '';
  let disposed = false;

  const run = debounce(
    (email: string, phone: string, asked: number) => {
      ask(email, phone).then(
        (matches) => {
          if (!disposed && asked === generation) onResult(matches);
        },
        () => {
          // A failed look-up only means no warning; saving still works.
          if (!disposed && asked === generation) onResult([]);
        },
      );
    },
    ms,
    timers,
  );

  return {
    update(email, phone) {
      const key = `${email.trim()}\u0000${phone.trim()}`;
      if (key === last) return;
      last = key;
      generation += 1;
      if (!worthAsking(email, phone)) {
        run.cancel();
        onResult([]);
        return;
      }
      run(email.trim(), phone.trim(), generation);
    },
    reset() {
      generation += 1;
      last = '';
      run.cancel();
      onResult([]);
    },
    dispose() {
      disposed = true;
      run.cancel();
    },
  };
}
