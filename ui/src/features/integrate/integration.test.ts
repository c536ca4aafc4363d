import { describe, expect, it } from 'vitest';
import type { CheckInDto, TaskDto } from '$ipc';
import {
  canBecomeAmbassador,
  canRecordCheckIn,
  checkInState,
  groupChecklist,
  showsCheckIns,
  sortCheckIns,
  suggestedMonths,
  withTaskDone,
} from './integration';

function task(over: Partial<TaskDto>): TaskDto {
  return {
    id: 't',
    title: 'Bostad ordnad',
    due_on: '2026-03-10',
    owner_id: null,
    owner_name: null,
    household_id: 'h',
    household_name: 'Hushåll',
    organisation_id: null,
    organisation_name: null,
    done_at: null,
    overdue: false,
    event_id: null,
    ...over,
  };
}

function checkIn(months: number, due_on: string, done_at: string | null = null): CheckInDto {
  return { months, task_id: `c${months}`, due_on, done_at };
}

describe('groupChecklist', () => {
  it('puts open items first by due date and done items by when they were ticked', () => {
    const groups = groupChecklist([
      task({ id: 'a', title: 'Värd matchad', due_on: '2026-04-01' }),
      task({ id: 'b', title: 'Bostad ordnad', due_on: '2026-03-01' }),
      task({ id: 'c', done_at: '2026-03-02T10:00:00Z' }),
      task({ id: 'd', done_at: '2026-03-05T10:00:00Z' }),
    ]);
    expect(groups.open.map((t) => t.id)).toEqual(['b', 'a']);
    expect(groups.done.map((t) => t.id), 'the latest tick first').toEqual(['d', 'c']);
  });

  it('orders items due the same day by title, so the list does not jump', () => {
    const groups = groupChecklist([
      task({ id: 'x', title: 'Skola' }),
      task({ id: 'y', title: 'Bostad' }),
    ]);
    expect(groups.open.map((t) => t.id)).toEqual(['y', 'x']);
  });
});

describe('withTaskDone', () => {
  it('ticks and unticks one task, leaving the others', () => {
    const list = [task({ id: 'a', overdue: true }), task({ id: 'b' })];
    const ticked = withTaskDone(list, 'a', '2026-03-03T09:00:00Z');
    expect(ticked[0]).toMatchObject({ id: 'a', done_at: '2026-03-03T09:00:00Z', overdue: false });
    expect(ticked[1]).toBe(list[1]);
    expect(withTaskDone(ticked, 'a', null)[0]?.done_at).toBeNull();
  });
});

describe('checkInState', () => {
  const today = '2026-06-01';
  it('tells done, overdue, soon and later apart', () => {
    expect(checkInState(checkIn(6, '2026-05-01', '2026-05-02T10:00:00Z'), today)).toBe('done');
    expect(checkInState(checkIn(6, '2026-05-31'), today)).toBe('overdue');
    expect(checkInState(checkIn(6, '2026-06-01'), today)).toBe('due_soon');
    expect(checkInState(checkIn(6, '2026-07-01'), today)).toBe('due_soon');
    expect(checkInState(checkIn(12, '2026-07-02'), today)).toBe('upcoming');
  });
});

describe('check-in order and suggestion', () => {
  it('lists 6 months before 12', () => {
    expect(sortCheckIns([checkIn(12, '2027-01-01'), checkIn(6, '2026-07-01')]).map((c) => c.months)).toEqual([6, 12]);
  });

  it('suggests the first check-in still open', () => {
    expect(suggestedMonths([checkIn(6, '2026-07-01'), checkIn(12, '2027-01-01')])).toBe(6);
    expect(suggestedMonths([checkIn(6, '2026-07-01', '2026-07-02T00:00:00Z'), checkIn(12, '2027-01-01')])).toBe(12);
  });

  it('falls back to the last booked one, or 6 months when none is booked', () => {
    expect(
      suggestedMonths([checkIn(6, '2026-07-01', '2026-07-02T00:00:00Z'), checkIn(12, '2027-01-01', '2027-01-02T00:00:00Z')]),
    ).toBe(12);
    expect(suggestedMonths([])).toBe(6);
  });
});

describe('what fits the stage', () => {
  it('records check-ins only for households that arrived and are still here', () => {
    expect(canRecordCheckIn('moving')).toBe(false);
    expect(canRecordCheckIn('arrived')).toBe(true);
    expect(canRecordCheckIn('retained')).toBe(true);
    expect(canRecordCheckIn('ambassador')).toBe(true);
    expect(canRecordCheckIn('moved_away')).toBe(false);
    expect(canRecordCheckIn('not_moving')).toBe(false);
  });

  it('offers making an ambassador after arrival, once', () => {
    expect(canBecomeAmbassador('decided')).toBe(false);
    expect(canBecomeAmbassador('six_month_check_in')).toBe(true);
    expect(canBecomeAmbassador('ambassador')).toBe(false);
    expect(canBecomeAmbassador('moved_away')).toBe(false);
  });

  it('shows check-ins after arrival, and never hides booked ones', () => {
    expect(showsCheckIns('engaged', [])).toBe(false);
    expect(showsCheckIns('arrived', [])).toBe(true);
    expect(showsCheckIns('moved_away', [])).toBe(true);
    expect(showsCheckIns('engaged', [checkIn(6, '2026-07-01')])).toBe(true);
  });
});
