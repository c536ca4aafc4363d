import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContactMatch } from '$ipc';
import { createMatchLookup, MATCH_DELAY_MS, worthAsking } from './matches';

const match = (household_name: string): ContactMatch => ({
  household_id: `id-${household_name}`,
  household_name,
  person_name: household_name,
  stage: 'lead_captured',
  matched_on: 'email',
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createMatchLookup', () => {
  it('asks once, after typing pauses', async () => {
    const ask = vi.fn(() => Promise.resolve([match('Öhman')]));
    const onResult = vi.fn();
    const lookup = createMatchLookup(ask, onResult);
    for (const typed of ['astrid@e', 'astrid@ex', 'astrid@example.se']) {
      lookup.update(typed, '');
      vi.advanceTimersByTime(100);
    }
    expect(ask).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(MATCH_DELAY_MS);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask).toHaveBeenCalledWith('astrid@example.se', '');
    expect(onResult).toHaveBeenLastCalledWith([match('Öhman')]);
  });

  it('drops an answer that arrives after newer typing', async () => {
    let answer: (m: ContactMatch[]) => void = () => {};
    const ask = vi.fn(() => new Promise<ContactMatch[]>((resolve) => (answer = resolve)));
    const onResult = vi.fn();
    const lookup = createMatchLookup(ask, onResult);
    lookup.update('old@example.se', '');
    await vi.advanceTimersByTimeAsync(MATCH_DELAY_MS);
    lookup.update('new@example.se', '');
    answer([match('Stale')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(onResult).not.toHaveBeenCalledWith([match('Stale')]);
  });

  it('clears at once when the fields no longer look like an address', async () => {
    const ask = vi.fn(() => Promise.resolve([match('Öhman')]));
    const onResult = vi.fn();
    const lookup = createMatchLookup(ask, onResult);
    lookup.update('astrid@example.se', '');
    await vi.advanceTimersByTimeAsync(MATCH_DELAY_MS);
    lookup.update('as', '');
    expect(onResult).toHaveBeenLastCalledWith([]);
    await vi.advanceTimersByTimeAsync(MATCH_DELAY_MS);
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('treats a failed look-up as no matches', async () => {
    const onResult = vi.fn();
    const lookup = createMatchLookup(() => Promise.reject(new Error('down')), onResult);
    lookup.update('', '070-123 45 67');
    await vi.advanceTimersByTimeAsync(MATCH_DELAY_MS);
    expect(onResult).toHaveBeenLastCalledWith([]);
  });

  it('forgets pending work on reset', async () => {
    const ask = vi.fn(() => Promise.resolve([match('Öhman')]));
    const onResult = vi.fn();
    const lookup = createMatchLookup(ask, onResult);
    lookup.update('astrid@example.se', '');
    lookup.reset();
    await vi.advanceTimersByTimeAsync(MATCH_DELAY_MS);
    expect(ask).not.toHaveBeenCalled();
    expect(onResult).toHaveBeenLastCalledWith([]);
    lookup.update('astrid@example.se', '');
    await vi.advanceTimersByTimeAsync(MATCH_DELAY_MS);
    expect(ask, 'the same address is asked again after a reset').toHaveBeenCalledTimes(1);
  });
});

describe('worthAsking', () => {
  it('waits for something that can match', () => {
    expect(worthAsking('', '')).toBe(false);
    expect(worthAsking('astrid', '')).toBe(false);
    expect(worthAsking('a@b.se', '')).toBe(true);
    expect(worthAsking('', '070-123')).toBe(true);
    expect(worthAsking('', '070')).toBe(false);
  });
});
