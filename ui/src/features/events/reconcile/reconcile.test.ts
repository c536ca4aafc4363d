import { describe, expect, it } from 'vitest';
import type { BulkSkip, LeadRow } from '$ipc';
import {
  candidatesFromHits,
  countLeads,
  filterCount,
  filterLeads,
  groupSkipped,
  headerState,
  keepVisible,
  openPossibleDuplicates,
  retryableIds,
  selectedInOrder,
  toggleAllVisible,
  toggleOne,
} from './reconcile';

function lead(id: string, over: Partial<LeadRow> = {}): LeadRow {
  return {
    household_id: id,
    name: `Hushåll ${id}`,
    stage: 'lead_captured',
    owner: null,
    email: null,
    phone: null,
    municipalities: [],
    time_frame: null,
    created_at: '2026-11-20T10:00:00Z',
    new_lead: true,
    self_registered: false,
    reviewed: false,
    duplicate_of: null,
    possible_duplicates: [],
    follow_up_task_id: 'task',
    follow_up_due: '2026-11-23',
    ...over,
  };
}

const ids = (rows: LeadRow[]) => rows.map((r) => r.household_id);

describe('quick filters', () => {
  const rows = [
    lead('kiosk', { self_registered: true }),
    lead('kiosk-seen', { self_registered: true, reviewed: true }),
    lead('twin', { possible_duplicates: [{ id: 'old', name: 'Gamla hushållet' }] }),
    lead('no-task', { follow_up_task_id: null, follow_up_due: null }),
    lead('dupe', { duplicate_of: { id: 'old', name: 'Gamla hushållet' }, follow_up_task_id: null }),
  ];

  it('"needs review" shows self-registered leads staff have not looked at', () => {
    expect(ids(filterLeads(rows, 'needs_review'))).toEqual(['kiosk']);
  });

  it('"possible duplicates" shows leads sharing contact details with another household', () => {
    expect(ids(filterLeads(rows, 'possible_duplicates'))).toEqual(['twin']);
  });

  it('"no follow-up" leaves out marked duplicates, which are followed up on their original', () => {
    expect(ids(filterLeads(rows, 'no_follow_up'))).toEqual(['no-task']);
  });

  it('"all" keeps every lead in the order given', () => {
    expect(ids(filterLeads(rows, 'all'))).toEqual(ids(rows));
  });
});

describe('openPossibleDuplicates', () => {
  it('drops a household already marked as a duplicate of this lead', () => {
    const original = lead('a', {
      possible_duplicates: [
        { id: 'b', name: 'B' },
        { id: 'c', name: 'C' },
      ],
    });
    const settled = lead('b', { duplicate_of: { id: 'a', name: 'A' } });
    expect(openPossibleDuplicates(original, [original, settled]).map((d) => d.id)).toEqual(['c']);
  });

  it('offers nothing for a lead that is itself marked as a duplicate', () => {
    const row = lead('a', {
      duplicate_of: { id: 'x', name: 'X' },
      possible_duplicates: [{ id: 'y', name: 'Y' }],
    });
    expect(openPossibleDuplicates(row, [row])).toEqual([]);
  });
});

describe('countLeads', () => {
  it('counts new leads, households met again, open reviews and duplicates', () => {
    const rows = [
      lead('1'),
      lead('2', { new_lead: false }),
      lead('3', { self_registered: true }),
      lead('4', { possible_duplicates: [{ id: '9', name: 'Nio' }] }),
      lead('5', { duplicate_of: { id: '9', name: 'Nio' } }),
      lead('6', { follow_up_task_id: null }),
    ];
    const counts = countLeads(rows);
    expect(counts).toEqual({
      total: 6,
      newLeads: 5,
      metAgain: 1,
      needsReview: 1,
      possibleDuplicates: 1,
      duplicates: 1,
      noFollowUp: 1,
    });
    expect(filterCount(counts, 'no_follow_up'), 'filter buttons show the same numbers').toBe(
      filterLeads(rows, 'no_follow_up').length,
    );
  });

  it('is all zeros for an event without leads', () => {
    expect(Object.values(countLeads([])).every((n) => n === 0)).toBe(true);
  });
});

describe('selection', () => {
  const visible = ['a', 'b', 'c'];

  it('the header box is empty, mixed or full depending on the visible rows chosen', () => {
    expect(headerState(new Set(), visible)).toBe('none');
    expect(headerState(new Set(['b']), visible)).toBe('some');
    expect(headerState(new Set(visible), visible)).toBe('all');
    expect(headerState(new Set(), []), 'no rows: nothing to choose').toBe('none');
  });

  it('the header box chooses every visible row from none or some, and clears them from all', () => {
    const some = toggleAllVisible(new Set(['b']), visible);
    expect([...some].sort()).toEqual(visible);
    expect([...toggleAllVisible(some, visible)]).toEqual([]);
  });

  it('toggling one row leaves the others and does not change the original set', () => {
    const before = new Set(['a']);
    const after = toggleOne(before, 'b', true);
    expect([...after].sort()).toEqual(['a', 'b']);
    expect([...toggleOne(after, 'a', false)]).toEqual(['b']);
    expect([...before], 'state must be replaced, not mutated').toEqual(['a']);
  });

  it('drops chosen rows a filter hides or a reload removed', () => {
    const chosen = new Set(['a', 'gone']);
    expect([...keepVisible(chosen, visible)]).toEqual(['a']);
    const unchanged = new Set(['a']);
    expect(keepVisible(unchanged, visible), 'same set when nothing changes').toBe(unchanged);
  });

  it('sends the chosen ids in the order the rows are shown', () => {
    const rows = [lead('x'), lead('y'), lead('z')];
    expect(selectedInOrder(new Set(['z', 'x']), rows)).toEqual(['x', 'z']);
  });
});

describe('skipped rows of a bulk move', () => {
  const skip = (id: string, reason: string): BulkSkip => ({ household_id: id, name: id, reason });

  it('groups by reason, fixable ones first, and keeps unknown codes', () => {
    const groups = groupSkipped([
      skip('a', 'already_there'),
      skip('b', 'reason_required'),
      skip('c', 'invalid_stage_transition'),
      skip('d', 'reason_required'),
      skip('e', 'something_new'),
    ]);
    expect(groups.map((g) => [g.reason, g.rows.map((r) => r.household_id)])).toEqual([
      ['reason_required', ['b', 'd']],
      ['invalid_stage_transition', ['c']],
      ['already_there', ['a']],
      ['other', ['e']],
    ]);
  });

  it('offers a retry with a reason only for rows that lacked one', () => {
    expect(retryableIds([skip('a', 'already_there'), skip('b', 'reason_required')])).toEqual(['b']);
    expect(groupSkipped([])).toEqual([]);
  });
});

describe('candidatesFromHits', () => {
  it('keeps households and people (as their household), once each, never the lead itself', () => {
    const hits = [
      { kind: 'household', target_id: 'h1', title: 'Familjen Öhman', detail: 'Östersund' },
      { kind: 'person', target_id: 'h1', title: 'Astrid Öhman', detail: 'Familjen Öhman' },
      { kind: 'person', target_id: 'h2', title: 'Per Berg', detail: 'Familjen Berg' },
      { kind: 'organisation', target_id: 'o1', title: 'Region Jämtland', detail: '' },
      { kind: 'household', target_id: 'lead', title: 'Leadet självt', detail: '' },
    ];
    expect(candidatesFromHits(hits, 'lead')).toEqual([
      { id: 'h1', name: 'Familjen Öhman', detail: 'Östersund' },
      { id: 'h2', name: 'Familjen Berg', detail: 'Per Berg' },
    ]);
  });
});
