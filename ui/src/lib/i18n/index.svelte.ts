import { en } from './en';
import { sv, type Dictionary, type MessageKey } from './sv';

export type { MessageKey } from './sv';

export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const DEFAULT_LOCALE: Locale = 'sv';
const STORAGE_KEY = 'landa.locale';

export const dictionaries: Readonly<Record<Locale, Dictionary>> = { sv, en };

/** BCP 47 tags for Intl; en-GB because it writes dates day-first, like Swedish users expect. */
const INTL_TAG: Readonly<Record<Locale, string>> = { sv: 'sv-SE', en: 'en-GB' };

/** Names of the `{placeholders}` in a message, taken from the Swedish source text. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
export type MessageParams<K extends MessageKey> = Record<
  Placeholders<(typeof sv)[K]>,
  string | number
>;
/** Keys of messages without placeholders; use it for tables of labels (`t(item.label)`). */
export type PlainMessageKey = {
  [K in MessageKey]: [Placeholders<(typeof sv)[K]>] extends [never] ? K : never;
}[MessageKey];
/** `t(key)` for plain messages, `t(key, { name })` when the message has placeholders. */
type ParamsArg<K extends MessageKey> = [Placeholders<(typeof sv)[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    // Storage can be unavailable (privacy settings, tests); the default is a fine answer.
    return DEFAULT_LOCALE;
  }
}

let current = $state<Locale>(readStoredLocale());

/** The active locale. Reading `locale.current` in a component or effect makes it reactive. */
export const locale = {
  get current(): Locale {
    return current;
  },
  get intlTag(): string {
    return INTL_TAG[current];
  },
};

export function setLocale(next: Locale): void {
  current = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisting is acceptable; the choice still applies for this session.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/**
 * Replaces `{name}` with `params.name`. A placeholder without a value stays visible as
 * `{name}` so a missing argument shows up in the UI instead of silently vanishing.
 */
export function interpolate(
  template: string,
  params?: Readonly<Record<string, string | number>>,
): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

export function t<K extends MessageKey>(key: K, ...args: ParamsArg<K>): string {
  const template = dictionaries[current][key] ?? sv[key] ?? key;
  const [params] = args as [Record<string, string | number>?];
  return interpolate(template, params);
}

/** True when `key` names a message, for keys built at runtime (such as error codes). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(sv, key);
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(INTL_TAG[current], options).format(value);
}

function toDate(value: Date | string): Date {
  // The backend sends RFC 3339 strings (no 64-bit integers across IPC).
  return typeof value === 'string' ? new Date(value) : value;
}

/** A calendar date, e.g. "3 mars 2026" / "3 March 2026", in the user's time zone. */
export function formatDate(
  value: Date | string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  return new Intl.DateTimeFormat(INTL_TAG[current], options).format(toDate(value));
}

/** A date with time of day, e.g. "3 mars 2026 14:05". */
export function formatDateTime(
  value: Date | string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  return new Intl.DateTimeFormat(INTL_TAG[current], options).format(toDate(value));
}
