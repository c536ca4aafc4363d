import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n/index.svelte';
import { statusText, suggestedTitle } from './labels';

const plain = (text: string) => text.replace(/\s/g, ' ');

beforeEach(() => {
  localStorage.clear();
  setLocale('sv');
});

describe('suggestedTitle', () => {
  it('names half-years, years and other periods, years without digit grouping', () => {
    expect(suggestedTitle({ from: '2026-01-01', to: '2026-06-30' }, 'sv-SE')).toBe('Lägesrapport januari–juni 2026');
    expect(suggestedTitle({ from: '2025-07-01', to: '2025-12-31' }, 'sv-SE')).toBe('Lägesrapport juli–december 2025');
    expect(suggestedTitle({ from: '2025-01-01', to: '2025-12-31' }, 'sv-SE')).toBe('Lägesrapport 2025');
    expect(suggestedTitle({ from: '2026-01-01', to: '2026-11-23' }, 'sv-SE')).toBe('Lägesrapport 2026');
    expect(plain(suggestedTitle({ from: '2025-03-15', to: '2025-06-30' }, 'sv-SE'))).toBe(
      'Lägesrapport 15 mars–30 juni 2025',
    );
  });

  it('follows the UI language', () => {
    setLocale('en');
    expect(suggestedTitle({ from: '2026-01-01', to: '2026-06-30' }, 'en-GB')).toBe('Progress report January–June 2026');
  });
});

describe('statusText', () => {
  it('says draft, or when and by whom a report was submitted', () => {
    expect(statusText({ submitted_on: null, submitted_by: null }, 'sv-SE')).toBe('Utkast');
    expect(
      plain(statusText({ submitted_on: '2026-01-15', submitted_by: { id: 'u', name: 'Karin Lindgren' } }, 'sv-SE')),
    ).toBe('Inskickad 15 jan. 2026 av Karin Lindgren');
    setLocale('en');
    expect(plain(statusText({ submitted_on: '2026-01-15', submitted_by: null }, 'en-GB'))).toBe('Submitted 15 Jan 2026');
  });
});
