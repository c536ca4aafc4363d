import { describe, expect, it } from 'vitest';
import { moveActive } from './combobox';

describe('moveActive', () => {
  it('enters the list from the input at the first or last option', () => {
    expect(moveActive(-1, 4, 'ArrowDown'), 'down from the input selects the first hit').toBe(0);
    expect(moveActive(-1, 4, 'ArrowUp'), 'up from the input selects the last hit').toBe(3);
  });

  it('wraps around at both ends', () => {
    expect(moveActive(3, 4, 'ArrowDown')).toBe(0);
    expect(moveActive(0, 4, 'ArrowUp')).toBe(3);
  });

  it('pages by five without leaving the list', () => {
    expect(moveActive(1, 12, 'PageDown')).toBe(6);
    expect(moveActive(9, 12, 'PageDown')).toBe(11);
    expect(moveActive(2, 12, 'PageUp')).toBe(0);
  });

  it('keeps nothing active in an empty list', () => {
    expect(moveActive(-1, 0, 'ArrowDown')).toBe(-1);
  });

  it('ignores keys that belong to the text input', () => {
    expect(moveActive(2, 4, 'Home'), 'Home moves the caret, not the selection').toBeNull();
    expect(moveActive(2, 4, 'a')).toBeNull();
  });
});
