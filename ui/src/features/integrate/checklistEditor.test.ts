import { describe, expect, it } from 'vitest';
import type { ChecklistItemDto } from '$ipc';
import { itemsOf, moved, parseDueDays, reordered } from './checklistEditor';

function item(id: string, phase: ChecklistItemDto['phase'], position: number): ChecklistItemDto {
  return { id, project_id: null, phase, title: id, due_days: 14, position };
}

describe('itemsOf', () => {
  it('gives one phase in its order', () => {
    const items = [item('b', 'welcome', 1), item('x', 'integrate', 0), item('a', 'welcome', 0)];
    expect(itemsOf(items, 'welcome').map((i) => i.id)).toEqual(['a', 'b']);
    expect(itemsOf(items, 'attract')).toEqual([]);
  });
});

describe('moved', () => {
  it('moves an item up or down one step', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
  });

  it('does nothing past either end', () => {
    expect(moved(['a', 'b'], 0, -1)).toBeNull();
    expect(moved(['a', 'b'], 1, 1)).toBeNull();
    expect(moved([], 0, 1)).toBeNull();
  });
});

describe('reordered', () => {
  it('renumbers the phase and leaves the other phases', () => {
    const items = [item('a', 'welcome', 0), item('b', 'welcome', 1), item('x', 'integrate', 0)];
    const next = reordered(items, ['b', 'a']);
    expect(itemsOf(next, 'welcome').map((i) => i.id)).toEqual(['b', 'a']);
    expect(next.find((i) => i.id === 'x')).toBe(items[2]);
  });
});

describe('parseDueDays', () => {
  it('reads whole days, blank as two weeks', () => {
    expect(parseDueDays('')).toEqual({ ok: true, days: 14 });
    expect(parseDueDays(' 30 ')).toEqual({ ok: true, days: 30 });
    expect(parseDueDays('0')).toEqual({ ok: true, days: 0 });
  });

  it('refuses fractions, negatives, text and more than a year', () => {
    expect(parseDueDays('1.5')).toEqual({ ok: false, error: 'checklist.daysInvalid' });
    expect(parseDueDays('-3')).toEqual({ ok: false, error: 'checklist.daysInvalid' });
    expect(parseDueDays('två')).toEqual({ ok: false, error: 'checklist.daysInvalid' });
    expect(parseDueDays('366')).toEqual({ ok: false, error: 'checklist.daysTooMany' });
  });
});
