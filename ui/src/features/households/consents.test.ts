import { describe, expect, it } from 'vitest';
import type { ConsentDto } from '$ipc';
import { groupConsents } from './consents';

function consent(over: Partial<ConsentDto>): ConsentDto {
  return {
    id: 'c',
    person_id: 'p1',
    person_name: 'Anna',
    purpose: 'newsletter',
    basis: 'consent',
    status: 'given',
    text_version: 'v1',
    method: 'form',
    note: null,
    recorded_at: '2026-01-01T10:00:00Z',
    recorded_by: null,
    ...over,
  };
}

describe('groupConsents', () => {
  it('treats the newest record per person and purpose as the one that applies', () => {
    const groups = groupConsents([
      consent({ id: 'given', recorded_at: '2026-01-01T10:00:00Z' }),
      consent({ id: 'withdrawn', status: 'withdrawn', recorded_at: '2026-02-01T10:00:00Z' }),
      consent({ id: 'other-purpose', purpose: 'share_with_hosts' }),
      consent({ id: 'other-person', person_id: 'p2', person_name: 'Erik' }),
    ]);
    expect(groups.map((g) => g.current.id)).toEqual(['withdrawn', 'other-purpose', 'other-person']);
    expect(groups[0]!.earlier.map((c) => c.id), 'the withdrawal keeps its history').toEqual([
      'given',
    ]);
  });
});
