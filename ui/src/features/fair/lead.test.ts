import { describe, expect, it } from 'vitest';
import type { ConsentTextDto } from '$ipc';
import {
  buildLead,
  emptyDraft,
  fieldKey,
  isDraftEmpty,
  leadName,
  parseAge,
  parseChildCount,
  parseMunicipalities,
  resizeAges,
  type LeadDraft,
} from './lead';

const texts: ConsentTextDto[] = [
  {
    id: '11111111-1111-4111-8111-111111111111',
    purpose: 'contact_about_moving',
    version: 2,
    text_sv: 'Ni får kontakta mig om flytt.',
    text_en: 'You may contact me about moving.',
    created_at: '2026-03-01T10:00:00Z',
  },
  {
    id: '22222222-2222-4222-8222-222222222222',
    purpose: 'newsletter',
    version: 1,
    text_sv: 'Jag vill ha nyhetsbrevet.',
    text_en: 'I want the newsletter.',
    created_at: '2026-03-01T10:00:00Z',
  },
];

function draft(patch: (d: LeadDraft) => void): LeadDraft {
  const d = emptyDraft();
  patch(d);
  return d;
}

describe('buildLead', () => {
  it('turns a typed lead into the LeadInput the backend expects', () => {
    const d = draft((d) => {
      d.adults[0] = { first_name: ' Astrid ', last_name: 'Öhman', profession: 'Sjuksköterska' };
      d.email = ' astrid@example.se ';
      d.phone = '070-123 45 67';
      d.childAges = ['4', '', '11'];
      d.municipalities = 'Östersund, Åre';
      d.timeFrame = 'within_1_year';
      d.note = ' Vill bo nära fjällen ';
      d.consents = ['newsletter', 'contact_about_moving'];
    });
    const { input, errors } = buildLead(d, texts, 'sv');
    expect(errors).toEqual({});
    expect(input).toEqual({
      adults: [{ first_name: 'Astrid', last_name: 'Öhman', profession: 'Sjuksköterska' }],
      email: 'astrid@example.se',
      phone: '070-123 45 67',
      children: [4, null, 11],
      municipalities: ['Östersund', 'Åre'],
      time_frame: 'within_1_year',
      note: 'Vill bo nära fjällen',
      consents: [
        { purpose: 'newsletter', text_id: texts[1]!.id, language: 'sv' },
        { purpose: 'contact_about_moving', text_id: texts[0]!.id, language: 'sv' },
      ],
    });
  });

  it('sends the partner only when something about them was typed', () => {
    const alone = buildLead(draft((d) => {
      d.adults[0].first_name = 'Per';
      d.phone = '0701234567';
    }), texts, 'sv');
    expect(alone.input.adults).toHaveLength(1);

    const together = buildLead(draft((d) => {
      d.adults[0].first_name = 'Per';
      d.adults[1].profession = 'Lärare';
      d.phone = '0701234567';
    }), texts, 'en');
    expect(together.input.adults).toHaveLength(2);
    expect(together.errors, 'a partner needs a first name too').toEqual({ 'adults[1].first_name': 'empty' });
  });

  it('names the same fields as the backend for what it can check itself', () => {
    const { errors } = buildLead(draft((d) => {
      d.childAges = ['3', '18', 'x', '-1'];
    }), texts, 'sv');
    expect(errors).toEqual({
      'adults[0].first_name': 'empty',
      email: 'no_contact',
      'children[1]': 'impossible_age',
      'children[2]': 'impossible_age',
      'children[3]': 'impossible_age',
    });
  });

  it('records the language the consent text was shown in', () => {
    const { input } = buildLead(draft((d) => {
      d.adults[0].first_name = 'Ola';
      d.email = 'ola@example.no';
      d.consents = ['contact_about_moving'];
    }), texts, 'en');
    expect(input.consents).toEqual([{ purpose: 'contact_about_moving', text_id: texts[0]!.id, language: 'en' }]);
  });

  it('leaves out a ticked purpose that has no text (nothing was shown for it)', () => {
    const { input } = buildLead(draft((d) => {
      d.adults[0].first_name = 'Ola';
      d.email = 'ola@example.no';
      d.consents = ['story_and_photo'];
    }), texts, 'sv');
    expect(input.consents).toEqual([]);
  });
});

describe('children', () => {
  it('reads the count as typed, within what the form offers', () => {
    expect(parseChildCount('')).toBe(0);
    expect(parseChildCount('2')).toBe(2);
    expect(parseChildCount('-3')).toBe(0);
    expect(parseChildCount('99')).toBe(12);
    expect(parseChildCount('abc')).toBe(0);
    expect(parseChildCount(3)).toBe(3);
  });

  it('keeps the ages already typed when the count changes', () => {
    expect(resizeAges([], 2)).toEqual(['', '']);
    expect(resizeAges(['4', '7'], 3)).toEqual(['4', '7', '']);
    expect(resizeAges(['4', '7', '9'], 1)).toEqual(['4']);
    expect(resizeAges(['4'], 0)).toEqual([]);
  });

  it('accepts ages 0–17 and blank', () => {
    expect(parseAge('')).toBeNull();
    expect(parseAge(' 0 ')).toBe(0);
    expect(parseAge('17')).toBe(17);
    expect(parseAge('18')).toBeUndefined();
    expect(parseAge('2.5')).toBeUndefined();
  });
});

describe('municipalities', () => {
  it('splits on commas, trims and drops repeats', () => {
    expect(parseMunicipalities(' Östersund,  Åre ,, östersund; Krokom ')).toEqual(['Östersund', 'Åre', 'Krokom']);
    expect(parseMunicipalities('  ')).toEqual([]);
  });
});

describe('fieldKey', () => {
  const d = draft((d) => {
    d.childAges = ['1', '2'];
  });

  it('places backend fields on the form', () => {
    expect(fieldKey('adults[0].first_name', d)).toBe('adults[0].first_name');
    expect(fieldKey('email', d)).toBe('email');
    expect(fieldKey('phone', d)).toBe('phone');
    expect(fieldKey('children[1]', d)).toBe('children[1]');
    expect(fieldKey('municipalities[2]', d)).toBe('municipalities');
    expect(fieldKey('consents[0]', d)).toBe('consents');
    expect(fieldKey('members[0].emails[0]', d)).toBe('email');
    expect(fieldKey('adults[1].languages[0]', d)).toBe('adults[1].first_name');
  });

  it('has no place for fields that are not on the form', () => {
    expect(fieldKey(null, d)).toBeNull();
    expect(fieldKey('event_id', d)).toBeNull();
    expect(fieldKey('follow_up_title', d)).toBeNull();
    expect(fieldKey('children[5]', d), 'a child row that is not shown').toBeNull();
  });
});

describe('isDraftEmpty and leadName', () => {
  it('knows when nothing was typed', () => {
    expect(isDraftEmpty(emptyDraft())).toBe(true);
    expect(isDraftEmpty(draft((d) => (d.email = ' ')))).toBe(true);
    expect(isDraftEmpty(draft((d) => (d.childAges = ['']))), 'a child count is content').toBe(false);
    expect(isDraftEmpty(draft((d) => (d.consents = ['newsletter'])))).toBe(false);
    expect(isDraftEmpty(draft((d) => (d.adults[1].last_name = 'Lind')))).toBe(false);
  });

  it('names the adults for the saved line', () => {
    const one = buildLead(draft((d) => (d.adults[0] = { first_name: 'Astrid', last_name: 'Öhman', profession: '' })), texts, 'sv');
    expect(leadName(one.input)).toBe('Astrid Öhman');
    const two = buildLead(
      draft((d) => {
        d.adults[0].first_name = 'Astrid';
        d.adults[1].first_name = 'Per';
        d.adults[1].last_name = 'Lind';
      }),
      texts,
      'sv',
    );
    expect(leadName(two.input)).toBe('Astrid & Per Lind');
  });
});
