// Kronor as the backend sends them (a plain decimal string, "12500.50") and as people read
// and type them. Display follows the UI language; the cost field is always pre-filled in the
// Swedish way ("12 500,50"), which is what the backend's parser reads in either language.

/**
 * "12 500 kr" / "SEK 12,500"; öre only when there are any (or never, with `wholeKronor`,
 * for averages such as cost per household); "–" when there is no amount.
 */
export function formatKronor(plain: string | null, intlTag: string, wholeKronor = false): string {
  if (plain === null || plain.trim() === '') return '–';
  const value = Number(plain);
  if (!Number.isFinite(value)) return plain;
  const whole = wholeKronor || Number.isInteger(value);
  return new Intl.NumberFormat(intlTag, {
    style: 'currency',
    currency: 'SEK',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(value);
}

/** The amount as a coordinator would type it: "12500.50" → "12 500,50"; null → "". */
export function kronorForInput(plain: string | null): string {
  if (plain === null) return '';
  const trimmed = plain.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (!match) return trimmed;
  const [, sign = '', whole = '', fraction] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return fraction === undefined || /^0+$/.test(fraction)
    ? `${sign}${grouped}`
    : `${sign}${grouped},${fraction.padEnd(2, '0')}`;
}
