import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTION_DISMISS_MS, dismissAll, runAction, toast } from './toast.svelte';

afterEach(() => {
  dismissAll();
  vi.useRealTimers();
});

describe('toasts', () => {
  it('keeps only the newest three passing notices, so bulk work does not bury the screen', () => {
    for (let i = 1; i <= 5; i++) toast.success(`saved ${i}`);
    expect(toast.items.map((t) => t.message)).toEqual(['saved 3', 'saved 4', 'saved 5']);
  });

  it('never drops an error, which stays until dismissed', () => {
    toast.error('could not save');
    for (let i = 1; i <= 4; i++) toast.info(`note ${i}`);
    expect(toast.items.map((t) => t.message)).toEqual(['could not save', 'note 2', 'note 3', 'note 4']);
  });

  it('dismissAll clears everything, e.g. before the kiosk shows', () => {
    toast.error('staff-only problem');
    toast.success('staff-only news');
    dismissAll();
    expect(toast.items).toEqual([]);
  });

  it('a notice without options has no action, as before', () => {
    toast.success('saved');
    expect(toast.items[0]?.action).toBeUndefined();
  });

  it('runs a notice\'s action once and dismisses the notice', () => {
    const run = vi.fn();
    const id = toast.success('Merged', { action: { label: 'Undo', run } });
    expect(toast.items[0]?.action?.label).toBe('Undo');
    runAction(id);
    runAction(id);
    expect(run).toHaveBeenCalledTimes(1);
    expect(toast.items).toEqual([]);
  });

  it('keeps a notice with an action longer than a plain one', () => {
    vi.useFakeTimers();
    toast.success('plain');
    toast.success('with undo', { action: { label: 'Undo', run: () => {} } });
    vi.advanceTimersByTime(7000);
    expect(toast.items.map((t) => t.message)).toEqual(['with undo']);
    vi.advanceTimersByTime(ACTION_DISMISS_MS - 7000);
    expect(toast.items).toEqual([]);
  });
});
