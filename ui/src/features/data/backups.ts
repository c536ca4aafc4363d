// Pure helpers for the backups section: sizes, kinds and when the newest copy was made.
import type { BackupInfo, BackupKind } from '$ipc';
import type { PlainMessageKey } from '$lib/i18n/index.svelte';

export const KIND_LABEL: Readonly<Record<BackupKind, PlainMessageKey>> = {
  manual: 'data.backups.kind.manual',
  daily: 'data.backups.kind.daily',
  on_quit: 'data.backups.kind.on_quit',
  before_restore: 'data.backups.kind.before_restore',
};

/** Bytes (sent as text) in kB, MB or GB with one decimal, in the UI's number format. */
export function formatSize(bytes: string, intlTag: string): string {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n < 0) return '–';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  const text = new Intl.NumberFormat(intlTag, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  return `${text} ${units[unit]}`;
}

/** Date and time of day in the UI's language, in the computer's time zone. */
export function formatMadeAt(madeAt: string, intlTag: string): string {
  const date = new Date(madeAt);
  if (Number.isNaN(date.getTime())) return madeAt;
  return new Intl.DateTimeFormat(intlTag, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The newest backup that holds the register's data (a copy kept aside before a restore counts too). */
export function newest(backups: readonly BackupInfo[]): BackupInfo | null {
  return backups.reduce<BackupInfo | null>((best, b) => (best === null || b.made_at > best.made_at ? b : best), null);
}

/** The "keep" field as typed: a whole number from 1 to 365, else null. */
export function parseKeep(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 && n <= 365 ? n : null;
}
