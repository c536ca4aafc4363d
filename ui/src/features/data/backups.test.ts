import { describe, expect, it } from 'vitest';
import type { BackupInfo } from '$ipc';
import { formatMadeAt, formatSize, newest, parseKeep } from './backups';

const backup = (made_at: string, kind: BackupInfo['kind'] = 'daily'): BackupInfo => ({
  file_name: `landa-backup-${made_at}.db`,
  path: `/b/landa-backup-${made_at}.db`,
  kind,
  made_at,
  size_bytes: '1',
});

describe('formatSize', () => {
  it('uses decimal units and the UI language’s decimal sign', () => {
    expect(formatSize('999', 'sv-SE')).toBe('999 B');
    expect(formatSize('4182016', 'sv-SE')).toBe('4,2 MB');
    expect(formatSize('4182016', 'en-GB')).toBe('4.2 MB');
    expect(formatSize('1500000000', 'en-GB')).toBe('1.5 GB');
  });
  it('shows a dash for what is not a size rather than NaN', () => {
    expect(formatSize('', 'sv-SE')).toBe('0 B');
    expect(formatSize('abc', 'sv-SE')).toBe('–');
  });
});

describe('newest', () => {
  it('picks the latest whatever the order and kind', () => {
    const list = [backup('2026-11-20T10:00:00Z'), backup('2026-11-23T08:00:00Z', 'manual'), backup('2026-11-22T10:00:00Z')];
    expect(newest(list)?.made_at).toBe('2026-11-23T08:00:00Z');
    expect(newest([])).toBeNull();
  });
});

describe('parseKeep', () => {
  it('takes whole numbers from 1 to 365 only', () => {
    expect(parseKeep(' 10 ')).toBe(10);
    expect(parseKeep('365')).toBe(365);
    for (const bad of ['0', '366', '2.5', '-1', '', 'tio']) expect(parseKeep(bad)).toBeNull();
  });
});

describe('formatMadeAt', () => {
  it('keeps text it cannot read as a date', () => {
    expect(formatMadeAt('igår', 'sv-SE')).toBe('igår');
    expect(formatMadeAt('2026-11-23T10:00:00Z', 'sv-SE')).toMatch(/2026/);
  });
});
