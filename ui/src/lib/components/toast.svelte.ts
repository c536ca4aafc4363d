// Notices shown in the ToastArea. Success and info notices leave by themselves; errors
// stay until dismissed, because a coordinator may be looking elsewhere when one appears.

export type ToastKind = 'success' | 'info' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

const AUTO_DISMISS_MS = 6000;
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
    setTimeout(() => dismiss(toast.id), AUTO_DISMISS_MS),
  );
}

function push(kind: ToastKind, message: string): number {
  const toast: Toast = { id: nextId++, kind, message };
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
  success: (message: string) => push('success', message),
  info: (message: string) => push('info', message),
  error: (message: string) => push('error', message),
  dismiss,
};
