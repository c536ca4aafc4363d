// Notices shown in the ToastArea. Success and info notices leave by themselves; errors
// stay until dismissed, because a coordinator may be looking elsewhere when one appears.
// A notice may carry one action (e.g. "Ångra"): it then stays longer, and the action is also
// reachable elsewhere in the app, since a notice can leave before anyone gets to it.

export type ToastKind = 'success' | 'info' | 'error';

/** A button on a notice. Running it dismisses the notice first. */
export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
}

export interface ToastOptions {
  action?: ToastAction;
}

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  action?: ToastAction;
}

const AUTO_DISMISS_MS = 6000;
/** A notice with an action stays long enough to reach it by pointer or keyboard. */
export const ACTION_DISMISS_MS = 15000;
/** More notices than this and the oldest passing ones go: quick bulk work must not bury the screen. */
const MAX_PASSING = 3;

let nextId = 1;
let items = $state<Toast[]>([]);
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
const timers = new Map<number, ReturnType<typeof setTimeout>>();
let paused = false;

function schedule(toast: Toast) {
  if (toast.kind === 'error' || paused) return;
  timers.set(
    toast.id,
    setTimeout(() => dismiss(toast.id), toast.action ? ACTION_DISMISS_MS : AUTO_DISMISS_MS),
  );
}

function push(kind: ToastKind, message: string, options?: ToastOptions): number {
  const toast: Toast = { id: nextId++, kind, message };
  if (options?.action) toast.action = options.action;
  items.push(toast);
  schedule(toast);
  const passing = items.filter((t) => t.kind !== 'error');
  for (const old of passing.slice(0, Math.max(0, passing.length - MAX_PASSING))) dismiss(old.id);
  return toast.id;
}

export function dismiss(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  items = items.filter((toast) => toast.id !== id);
}

/** Runs the notice's action once: the notice goes first, so a second press cannot run it again. */
export function runAction(id: number): void {
  const action = items.find((toast) => toast.id === id)?.action;
  dismiss(id);
  if (action) void action.run();
}

/** Removes every notice, e.g. before the kiosk shows: staff notices are not for visitors. */
export function dismissAll(): void {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  items = [];
}

/** Stops the clocks while the pointer or focus is on a notice, so it can be read. */
export function pauseToasts(): void {
  paused = true;
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
}

export function resumeToasts(): void {
  paused = false;
  for (const toast of items) schedule(toast);
}

export const toast = {
  get items(): readonly Toast[] {
    return items;
  },
  success: (message: string, options?: ToastOptions) => push('success', message, options),
  info: (message: string, options?: ToastOptions) => push('info', message, options),
  error: (message: string, options?: ToastOptions) => push('error', message, options),
  dismiss,
};
