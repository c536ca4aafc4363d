// Timers of the kiosk and fair mode, without Svelte and with an injectable clock, so vitest's
// fake timers can drive them.

export interface TimerApi {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/** The real timers, looked up at call time so fake timers installed later still apply. */
export const realTimers: TimerApi = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface IdleTimer {
  /** Something happened (a key, a tap): the countdown starts again. */
  poke(): void;
  /** Stops counting until the next `poke`. */
  stop(): void;
}

/**
 * Calls `onIdle` once after `timeoutMs` without a `poke`. It does not rearm itself: the next
 * input starts it again, so an untouched kiosk is cleared once, not every few minutes.
 */
export function createIdleTimer(
  timeoutMs: number,
  onIdle: () => void,
  timers: TimerApi = realTimers,
): IdleTimer {
  let handle: unknown = null;
  const stop = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
  return {
    poke() {
      stop();
      handle = timers.setTimeout(() => {
        handle = null;
        onIdle();
      }, timeoutMs);
    },
    stop,
  };
}

export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Forgets a pending call. */
  cancel(): void;
}

/** Calls `fn` with the latest arguments once `ms` have passed without another call. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
  timers: TimerApi = realTimers,
): Debounced<A> {
  let handle: unknown = null;
  const cancel = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
  const call = (...args: A) => {
    cancel();
    handle = timers.setTimeout(() => {
      handle = null;
      fn(...args);
    }, ms);
  };
  return Object.assign(call, { cancel });
}
