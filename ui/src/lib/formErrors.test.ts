import { beforeEach, describe, expect, it } from 'vitest';
import { errorFor, formError, formLevel, thrownFormError } from './formErrors';
import { setLocale } from './i18n/index.svelte';

beforeEach(() => setLocale('sv'));

describe('formError', () => {
  it('puts a validation error next to the field it names, in the user’s words', () => {
    const error = formError({ code: 'validation', field: 'email', kind: 'invalid_email' });
    expect(error).toEqual({ field: 'email', message: 'Det ser inte ut som en e-postadress.' });
    expect(errorFor(error, 'email')).toBe('Det ser inte ut som en e-postadress.');
    expect(errorFor(error, 'phone'), 'other fields stay clean').toBeNull();
    expect(formLevel(error, ['email', 'phone']), 'not repeated above the form').toBeNull();
  });

  it('shows a validation error about a field the form does not have at form level', () => {
    const error = formError({ code: 'validation', field: 'owner_id', kind: 'invalid_id' });
    expect(formLevel(error, ['title']), 'the message must not be lost').toBe('Posten finns inte.');
  });

  it('translates other codes and never passes the developer message through', () => {
    const error = formError({ code: 'storage_full', field: null, kind: null });
    expect(error.field).toBeNull();
    expect(error.message).toMatch(/^Disken är full/);
  });

  it('turns a transport failure into the generic internal sentence', () => {
    expect(thrownFormError(new Error('invoke failed: stack…')).message).toBe(
      'Ett oväntat fel uppstod i Landa. Försök igen.',
    );
  });
});
