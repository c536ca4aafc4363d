import { afterEach, describe, expect, it } from 'vitest';
import { dismissAll, toast } from './toast.svelte';

afterEach(() => dismissAll());

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
});
