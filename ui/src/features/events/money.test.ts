import { describe, expect, it } from 'vitest';
import { formatKronor, kronorForInput } from './money';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatKronor', () => {
  it('writes kronor the Swedish way in Swedish and the British way in English', () => {
    expect(plain(formatKronor('12500', 'sv-SE'))).toBe('12 500 kr');
    expect(plain(formatKronor('12500', 'en-GB'))).toBe('SEK 12,500');
  });

  it('shows öre only when the amount has them', () => {
    expect(plain(formatKronor('12500.5', 'sv-SE'))).toBe('12 500,50 kr');
    expect(plain(formatKronor('4166.67', 'en-GB'))).toBe('SEK 4,166.67');
  });

  it('rounds to whole kronor when asked, for averages', () => {
    expect(plain(formatKronor('5435.61', 'sv-SE', true))).toBe('5 436 kr');
  });

  it('shows a dash when there is no amount, so a missing cost is not read as zero', () => {
    expect(formatKronor(null, 'sv-SE')).toBe('–');
    expect(formatKronor('', 'en-GB')).toBe('–');
    expect(plain(formatKronor('0', 'sv-SE'))).toBe('0 kr');
  });
});

describe('kronorForInput', () => {
  it('groups thousands with spaces and uses a decimal comma', () => {
    expect(kronorForInput('12500.50')).toBe('12 500,50');
    expect(kronorForInput('1250000')).toBe('1 250 000');
    expect(kronorForInput('999')).toBe('999');
  });

  it('drops zero öre and pads a single decimal', () => {
    expect(kronorForInput('12500.00')).toBe('12 500');
    expect(kronorForInput('10.5')).toBe('10,50');
  });

  it('gives an empty field for no cost and leaves unexpected text as it is', () => {
    expect(kronorForInput(null)).toBe('');
    expect(kronorForInput('abc')).toBe('abc');
  });
});
