import { describe, expect, it } from 'vitest';
import type { MatchDto } from '$ipc';
import { actionsFor, buildEndInput, isOpen, outcomesFor, reasonRequired, sortMatches, statusDate } from './lifecycle';

function match(over: Partial<MatchDto>): MatchDto {
  return {
    id: 'm',
    host: { id: 'h', name: 'Host' },
    household: { id: 'hh', name: 'Household' },
    project: null,
    status: 'proposed',
    score: 70,
    explanation: [],
    proposed_on: '2026-01-01',
    accepted_on: null,
    started_on: null,
    ended_on: null,
    outcome: null,
    end_reason: null,
    host_satisfaction: null,
    household_satisfaction: null,
    meetings: 0,
    last_meeting_on: null,
    ...over,
  };
}

describe('actionsFor', () => {
  it('offers the steps that fit each status', () => {
    expect(actionsFor('proposed')).toEqual(['accept', 'end']);
    expect(actionsFor('accepted')).toEqual(['meeting', 'start', 'end']);
    expect(actionsFor('active')).toEqual(['meeting', 'end', 'rate']);
    expect(actionsFor('ended')).toEqual(['rate']);
  });
});

describe('outcomesFor', () => {
  it('lets a match that never ran end only as never started', () => {
    expect(outcomesFor('proposed')).toEqual(['never_started']);
    expect(outcomesFor('accepted')).toEqual(['never_started']);
    expect(outcomesFor('active')).toEqual(['completed', 'ended_early']);
    expect(outcomesFor('ended')).toEqual([]);
  });

  it('needs a reason only for an early end', () => {
    expect(reasonRequired('ended_early')).toBe(true);
    expect(reasonRequired('completed')).toBe(false);
    expect(reasonRequired(null)).toBe(false);
  });
});

describe('buildEndInput', () => {
  const base = { outcome: null, reason: '', endedOn: '2026-03-01', hostSatisfaction: null, householdSatisfaction: null };

  it('asks for an outcome and, for an early end, a reason', () => {
    expect(buildEndInput('m', base).errors).toEqual({ outcome: 'validation.unknown_value' });
    expect(buildEndInput('m', { ...base, outcome: 'ended_early' }).errors).toEqual({
      reason: 'match.end.reasonRequired',
    });
    expect(buildEndInput('m', { ...base, outcome: 'completed', endedOn: ' ' }).errors).toEqual({
      ended_on: 'validation.empty',
    });
  });

  it('builds the input with satisfaction from both sides', () => {
    const built = buildEndInput('m1', {
      outcome: 'completed',
      reason: '  Träffas fortfarande ',
      endedOn: '2026-03-01',
      hostSatisfaction: 5,
      householdSatisfaction: 4,
    });
    expect(built.errors).toEqual({});
    expect(built.input).toEqual({
      match_id: 'm1',
      outcome: 'completed',
      reason: 'Träffas fortfarande',
      ended_on: '2026-03-01',
      host_satisfaction: 5,
      household_satisfaction: 4,
    });
  });
});

describe('sorting and dates', () => {
  it('puts open matches first, then the most recently ended', () => {
    const old = match({ id: 'old', status: 'ended', ended_on: '2025-05-01' });
    const recent = match({ id: 'recent', status: 'ended', ended_on: '2025-12-01' });
    const open = match({ id: 'open', status: 'active', started_on: '2025-01-01' });
    expect(sortMatches([old, recent, open]).map((m) => m.id)).toEqual(['open', 'recent', 'old']);
  });

  it('knows when a match reached its status', () => {
    expect(statusDate(match({ status: 'accepted', accepted_on: '2026-02-02' }))).toBe('2026-02-02');
    expect(statusDate(match({ status: 'active', started_on: '2026-02-09' }))).toBe('2026-02-09');
    expect(isOpen('ended')).toBe(false);
    expect(isOpen('proposed')).toBe(true);
  });
});
