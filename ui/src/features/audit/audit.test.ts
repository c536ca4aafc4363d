import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, Result } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';
import {
  NOBODY,
  auditFilter,
  emptyForm,
  entityLabel,
  entityOptions,
  localProblem,
  offsetAt,
  readKindLabel,
  readLogFilter,
  shownValue,
  type ZoneOffset,
} from './audit';
import { Pager, type LogPage } from './pager.svelte';

beforeEach(() => setLocale('sv'));

/** Stockholm: UTC+1, and UTC+2 from the last Sunday of March (29 March 2026) to 25 October. */
const stockholm: ZoneOffset = (local) => {
  const summer = local >= new Date(2026, 2, 29, 3) && local < new Date(2026, 9, 25, 3);
  return summer ? 120 : 60;
};
const page = { cursor: null, limit: 100 };

describe('the change-log filter sent to the backend', () => {
  it('is the whole log when nothing is chosen', () => {
    expect(auditFilter(emptyForm(), page, stockholm)).toEqual({
      user_id: null,
      without_user: false,
      from: null,
      to: null,
      from_offset_minutes: null,
      to_offset_minutes: null,
      entity: null,
      row_id: null,
      limit: 100,
      cursor: null,
    });
  });

  it('sends a user, or "no user" as its own flag rather than as an id', () => {
    expect(auditFilter({ ...emptyForm(), user: 'u1' }, page, stockholm)).toMatchObject({ user_id: 'u1', without_user: false });
    expect(auditFilter({ ...emptyForm(), user: NOBODY }, page, stockholm)).toMatchObject({ user_id: null, without_user: true });
  });

  it('sends each end of the days with its own offset, across the switch to summer time', () => {
    const filter = auditFilter({ ...emptyForm(), from: '2026-03-28', to: '2026-03-29' }, page, stockholm);
    expect(filter).toMatchObject({
      from: '2026-03-28',
      to: '2026-03-29',
      from_offset_minutes: 60,
      // The range ends at the midnight after the 29th, already in summer time.
      to_offset_minutes: 120,
    });
  });

  it('sends the kind of record, the record, the page size and where the page starts', () => {
    const filter = auditFilter(
      { ...emptyForm('h1'), entity: 'persons' },
      { cursor: '2026-11-23T10:00:00.000Z-0000-0123456789abcdef|p1|name', limit: 50 },
      stockholm,
    );
    expect(filter).toMatchObject({
      entity: 'persons',
      row_id: 'h1',
      limit: 50,
      cursor: '2026-11-23T10:00:00.000Z-0000-0123456789abcdef|p1|name',
    });
  });

  it('gives the read log the same who and when, and nothing about kinds of record', () => {
    const filter = readLogFilter({ ...emptyForm('h1'), user: 'u1', entity: 'persons', from: '2026-11-01' }, page, stockholm);
    expect(filter).toEqual({
      user_id: 'u1',
      without_user: false,
      from: '2026-11-01',
      to: null,
      from_offset_minutes: 60,
      to_offset_minutes: null,
      limit: 100,
      cursor: null,
    });
  });

  it('reads the offset of a day that is not a date as unknown', () => {
    expect(offsetAt('2026-02-30', false, stockholm)).toBeNull();
    expect(offsetAt('2026-07-01', false, stockholm)).toBe(120);
  });
});

describe('dates the page refuses before asking', () => {
  it('accepts empty ends and a range in order', () => {
    expect(localProblem(emptyForm())).toBeNull();
    expect(localProblem({ ...emptyForm(), from: '2026-11-01', to: '2026-11-01' })).toBeNull();
  });

  it('names the field and what is wrong with it', () => {
    expect(localProblem({ ...emptyForm(), from: '2026-13-01' })).toEqual({ field: 'from', kind: 'invalid_date' });
    expect(localProblem({ ...emptyForm(), to: 'igår' })).toEqual({ field: 'to', kind: 'invalid_date' });
    expect(localProblem({ ...emptyForm(), from: '2026-11-02', to: '2026-11-01' })).toEqual({
      field: 'to',
      kind: 'ends_before_start',
    });
  });
});

describe('how a logged value reads', () => {
  it('shows text without its JSON quotes, lists joined, and empty values as such', () => {
    expect(shownValue('"Anna"')).toEqual({ text: 'Anna', full: null });
    expect(shownValue('["svenska","engelska"]').text).toBe('svenska, engelska');
    expect(shownValue('null').text).toBe('(tomt)');
    expect(shownValue('[]').text).toBe('(tomt)');
    expect(shownValue('3').text).toBe('3');
    expect(shownValue('{"a":1}').text).toBe('{"a":1}');
    expect(shownValue('not json').text).toBe('not json');
  });

  it('cuts a long value and keeps the whole for the tooltip', () => {
    const long = 'å'.repeat(200);
    const shown = shownValue(JSON.stringify(long), 80);
    expect([...shown.text]).toHaveLength(80);
    expect(shown.text.endsWith('…')).toBe(true);
    expect(shown.full).toBe(long);
  });
});

describe('names', () => {
  it('translates kinds of record and keeps an unknown one by its table name', () => {
    expect(entityLabel('households')).toBe('Hushåll');
    setLocale('en');
    expect(entityLabel('stage_changes')).toBe('Stage change');
    expect(entityLabel('from_a_newer_landa')).toBe('from_a_newer_landa');
  });

  it('lists the kinds of record by their translated names', () => {
    expect(entityOptions(['users', 'households', 'persons'], 'sv-SE').map((o) => o.label)).toEqual([
      'Användare',
      'Hushåll',
      'Person',
    ]);
  });

  it('names every kind of read', () => {
    expect(readKindLabel('access_extract')).toBe('Registerutdrag');
    expect(readKindLabel('export_audit')).toBe('Export av granskningsloggen');
  });
});

type Entry = { id: string };
type Answer = Result<LogPage<Entry>, ApiError>;

const ok = (ids: string[], next: string | null): Answer => ({
  status: 'ok',
  data: { entries: ids.map((id) => ({ id })), next_cursor: next },
});

describe('the pager', () => {
  it('reads the first page, appends the next from its cursor, and stops at the last', async () => {
    const asked: (string | null)[] = [];
    const pages: Record<string, Answer> = { first: ok(['a', 'b'], 'c1'), c1: ok(['c', 'd'], 'c2'), c2: ok(['e'], null) };
    const pager = new Pager<Entry>();
    const fetch = (cursor: string | null) => {
      asked.push(cursor);
      return Promise.resolve(pages[cursor ?? 'first']!);
    };
    await pager.reset(fetch);
    expect(pager.entries.map((e) => e.id)).toEqual(['a', 'b']);
    expect(pager.loaded).toBe(true);
    await pager.more();
    await pager.more();
    expect(pager.entries.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pager.next).toBeNull();
    await pager.more();
    expect(asked, 'no page is asked for after the last').toEqual([null, 'c1', 'c2']);
  });

  it('starts again from the top when the filter changes, dropping a late answer', async () => {
    const pager = new Pager<Entry>();
    let answerOld: (a: Answer) => void = () => {};
    const old = pager.reset(() => new Promise<Answer>((resolve) => (answerOld = resolve)));
    await pager.reset(() => Promise.resolve(ok(['new'], null)));
    answerOld(ok(['old'], 'x'));
    await old;
    expect(pager.entries.map((e) => e.id)).toEqual(['new']);
    expect(pager.next).toBeNull();
  });

  it('turns a refused filter into the sentence for its field', async () => {
    const pager = new Pager<Entry>();
    await pager.reset(() =>
      Promise.resolve({
        status: 'error',
        error: { code: 'validation', message: 'from: is not a valid date', field: 'from', kind: 'invalid_date' },
      }),
    );
    expect(pager.error).toEqual({ field: 'from', message: 'Ange ett datum som ÅÅÅÅ-MM-DD.' });
    expect(pager.loaded).toBe(false);
  });

  it('turns a failure the backend could not answer into a sentence', async () => {
    const pager = new Pager<Entry>();
    await pager.reset(() => Promise.reject(new Error('command audit_log not found')));
    expect(pager.error?.field).toBeNull();
    expect(pager.error?.message).not.toContain('audit_log');
    expect(pager.error?.message.endsWith('.')).toBe(true);
  });
});
