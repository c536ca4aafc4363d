import { describe, expect, it } from 'vitest';
import type { ReferralStatus } from '$ipc';
import {
  adultTracks,
  backendDateProblem,
  isIsoDay,
  nextStatus,
  referralTrack,
  referredPairs,
  stepDateProblem,
  type TrackedReferral,
} from './track';

function referral(steps: [ReferralStatus, string][]): TrackedReferral {
  const last = steps.at(-1) ?? ['suggested', '2026-01-01'];
  return {
    status: last[0],
    status_on: last[1],
    steps: steps.map(([status, on_date]) => ({ status, on_date })),
  };
}

const states = (r: TrackedReferral) => referralTrack(r).map((n) => `${n.status}:${n.state}`);

describe('referralTrack', () => {
  it('marks the steps behind as done with their dates and the current step as current', () => {
    const track = referralTrack(
      referral([
        ['suggested', '2026-02-01'],
        ['cv_sent', '2026-02-03'],
        ['interview', '2026-02-17'],
      ]),
    );
    expect(track.map((n) => n.state), 'three reached, two ahead').toEqual(['done', 'done', 'current', 'todo', 'todo']);
    expect(track.map((n) => n.on), 'each reached step shows its day').toEqual([
      '2026-02-01',
      '2026-02-03',
      '2026-02-17',
      null,
      null,
    ]);
  });

  it('ends in hired, with a step never recorded shown as skipped rather than done', () => {
    expect(
      states(
        referral([
          ['suggested', '2026-02-01'],
          ['interview', '2026-02-10'],
          ['hired', '2026-03-01'],
        ]),
      ),
      'the CV was never logged, yet the person was hired',
    ).toEqual(['suggested:done', 'cv_sent:skipped', 'interview:done', 'offer:skipped', 'hired:current']);
  });

  it('ends in not hired, leaving the steps never reached as not reached', () => {
    expect(
      states(
        referral([
          ['suggested', '2026-01-01'],
          ['cv_sent', '2026-01-20'],
          ['not_hired', '2026-02-10'],
        ]),
      ),
      'no interview happened: it was not skipped, it was never reached',
    ).toEqual(['suggested:done', 'cv_sent:done', 'interview:todo', 'offer:todo', 'not_hired:current']);
  });

  it('shows a referral moved back as a correction where it stands now', () => {
    expect(
      states(
        referral([
          ['suggested', '2026-01-01'],
          ['interview', '2026-01-10'],
          ['cv_sent', '2026-01-11'],
        ]),
      ),
      'the interview was recorded by mistake and taken back',
    ).toEqual(['suggested:done', 'cv_sent:current', 'interview:todo', 'offer:todo', 'hired:todo']);
  });
});

describe('nextStatus', () => {
  it('follows the usual order and stops at an outcome', () => {
    expect(nextStatus('suggested')).toBe('cv_sent');
    expect(nextStatus('offer'), 'an offer is followed by the hire').toBe('hired');
    expect(nextStatus('hired')).toBeNull();
    expect(nextStatus('not_hired')).toBeNull();
  });
});

describe('adultTracks', () => {
  const members = [
    { id: 'a', role: 'adult' as const },
    { id: 'child', role: 'child' as const },
    { id: 'b', role: 'adult' as const },
  ];

  it('puts the accompanying partner first even without referrals, and leaves children out', () => {
    const tracks = adultTracks(members, []);
    expect(tracks.map((t) => [t.member.id, t.partner]), 'the second adult is the partner').toEqual([
      ['b', true],
      ['a', false],
    ]);
  });

  it('trusts the backend on who is a partner, and lists open referrals before outcomes', () => {
    const r = (id: string, person: string, status: ReferralStatus, on: string, partner: boolean) => ({
      id,
      person: { id: person },
      accompanying_partner: partner,
      status,
      status_on: on,
      steps: [],
    });
    const tracks = adultTracks(members, [
      r('1', 'b', 'hired', '2026-03-01', true),
      r('2', 'b', 'cv_sent', '2026-01-01', true),
      r('3', 'b', 'interview', '2026-02-01', true),
      r('4', 'a', 'suggested', '2026-02-01', false),
    ]);
    expect(tracks[0]?.referrals.map((x) => x.id), 'under way first, newest first').toEqual(['3', '2', '1']);
    expect(tracks[1]?.referrals.map((x) => x.id)).toEqual(['4']);
  });
});

describe('referredPairs', () => {
  it('keys referrals to openings by person and opening, and ignores referrals to an employer only', () => {
    const pairs = referredPairs([
      { person: { id: 'p' }, opening: { id: 'o1' } },
      { person: { id: 'p' }, opening: null },
    ]);
    expect([...pairs]).toEqual(['p:o1']);
  });
});

describe('step dates', () => {
  it('accepts blank (today) and refuses future days and days before the previous step', () => {
    expect(stepDateProblem('', '2026-03-01', '2026-03-10')).toBeNull();
    expect(stepDateProblem('2026-03-05', '2026-03-01', '2026-03-10')).toBeNull();
    expect(stepDateProblem('2026-03-01', '2026-03-01', '2026-03-10'), 'the same day as the step before is fine').toBeNull();
    expect(stepDateProblem('2026-03-11', '2026-03-01', '2026-03-10')).toBe('future');
    expect(stepDateProblem('2026-02-28', '2026-03-01', '2026-03-10')).toBe('before_previous');
    expect(stepDateProblem('2026-02-30', null, null), 'no 30 February').toBe('invalid');
  });

  it('reads the backend refusals of the same problems', () => {
    expect(backendDateProblem('ends_before_start', '2026-01-01')).toBe('before_previous');
    expect(backendDateProblem('invalid_date', '2026-12-31'), 'a well-formed day refused is in the future').toBe('future');
    expect(backendDateProblem('invalid_date', '31/12/2026')).toBe('invalid');
    expect(backendDateProblem('too_long', '2026-01-01')).toBeNull();
  });

  it('knows real calendar days', () => {
    expect(isIsoDay('2028-02-29')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2026-1-5')).toBe(false);
  });
});
