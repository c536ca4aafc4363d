import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '$lib/i18n/index.svelte';
import { sv } from '$lib/i18n/sv';
import { ApiFailure, ERROR_CODES, errorMessage, toApiFailure, unwrap } from './errors';

beforeEach(() => setLocale('sv'));

describe('errorMessage', () => {
  it('has a translated sentence for every known code', () => {
    for (const code of ERROR_CODES) {
      expect(Object.hasOwn(sv, `error.${code}`), `missing key error.${code}`).toBe(true);
      expect(errorMessage({ code }), `code ${code} fell back to generic`).not.toBe(sv['error.generic']);
    }
  });

  it('translates a known code in the current locale', () => {
    expect(errorMessage({ code: 'reason_required', field: 'reason' })).toBe(
      'Ange en anledning till ändringen.',
    );
    setLocale('en');
    expect(errorMessage({ code: 'reason_required' })).toBe('Give a reason for the change.');
  });

  it('falls back to the generic sentence for an unknown code', () => {
    expect(errorMessage({ code: 'something_new' })).toBe(sv['error.generic']);
  });

  it('does not treat other message keys as error codes', () => {
    expect(errorMessage({ code: 'generic.x' })).toBe(sv['error.generic']);
    expect(errorMessage({ code: '' })).toBe(sv['error.generic']);
  });
});

describe('unwrap', () => {
  it('returns the data of a successful result', () => {
    expect(unwrap({ status: 'ok', data: 42 })).toBe(42);
  });

  it('throws an ApiFailure carrying code and field', () => {
    const result = {
      status: 'error',
      error: { code: 'validation', message: 'email: invalid', field: 'email' },
    } as const;
    let caught: unknown;
    try {
      unwrap(result);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ApiFailure);
    const failure = caught as ApiFailure;
    expect(failure.code).toBe('validation');
    expect(failure.field).toBe('email');
    expect(failure.is('validation')).toBe(true);
  });
});

describe('toApiFailure', () => {
  it('turns a transport error into an internal failure', () => {
    const failure = toApiFailure(new Error('command households_list not found'));
    expect(failure.code).toBe('internal');
    expect(failure.field).toBeNull();
  });

  it('keeps the code of an error object thrown by the backend', () => {
    expect(toApiFailure({ code: 'conflict', message: 'stale', field: null }).code).toBe('conflict');
  });
});
