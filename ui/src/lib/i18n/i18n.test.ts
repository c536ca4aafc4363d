import { beforeEach, describe, expect, it } from 'vitest';
import { en } from './en';
import {
  dictionaries,
  formatDate,
  formatNumber,
  interpolate,
  locale,
  setLocale,
  t,
} from './index.svelte';
import { sv } from './sv';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

beforeEach(() => {
  localStorage.clear();
  setLocale('sv');
});

describe('dictionaries', () => {
  it('every language has exactly the Swedish keys', () => {
    for (const [code, dictionary] of Object.entries(dictionaries)) {
      expect(Object.keys(dictionary).sort(), `keys of ${code} differ from sv`).toEqual(
        Object.keys(sv).sort(),
      );
    }
  });

  it('no message is empty or only whitespace', () => {
    for (const [code, dictionary] of Object.entries(dictionaries)) {
      const empty = Object.entries(dictionary)
        .filter(([, text]) => text.trim() === '')
        .map(([key]) => key);
      expect(empty, `empty messages in ${code}`).toEqual([]);
    }
  });

  it('translations use the same {placeholders} as the Swedish source', () => {
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect(placeholders(en[key]), `placeholders of en "${key}"`).toEqual(placeholders(sv[key]));
    }
  });
});

describe('t', () => {
  it('defaults to Swedish', () => {
    expect(locale.current, 'a fresh start must be in Swedish').toBe('sv');
    expect(t('nav.households')).toBe('Hushåll');
  });

  it('interpolates named parameters', () => {
    expect(t('notFound.body', { path: '/x' })).toBe('Adressen /x leder inte till någon vy i Landa.');
    setLocale('en');
    expect(t('search.resultsFor', { query: 'Kiruna' })).toBe('Results for “Kiruna”');
  });

  it('persists the chosen locale and switches messages', () => {
    setLocale('en');
    expect(localStorage.getItem('landa.locale'), 'choice must survive a restart').toBe('en');
    expect(t('nav.households')).toBe('Households');
    expect(document.documentElement.lang, 'screen readers need the page language').toBe('en');
  });
});

describe('interpolate', () => {
  it('replaces every occurrence and formats numbers for the locale', () => {
    expect(interpolate('{n} av {n}', { n: 1200 })).toBe('1\u00a0200 av 1\u00a0200');
  });

  it('leaves a placeholder without a value visible rather than dropping it', () => {
    expect(interpolate('Hej {name}!', {})).toBe('Hej {name}!');
  });
});

describe('formatting', () => {
  it('formats numbers per locale', () => {
    expect(formatNumber(1234.5)).toBe('1\u00a0234,5');
    setLocale('en');
    expect(formatNumber(1234.5)).toBe('1,234.5');
  });

  it('formats RFC 3339 dates per locale', () => {
    const options = { dateStyle: 'long', timeZone: 'UTC' } as const;
    expect(formatDate('2026-03-03T10:00:00Z', options)).toBe('3 mars 2026');
    setLocale('en');
    expect(formatDate('2026-03-03T10:00:00Z', options)).toBe('3 March 2026');
  });
});
