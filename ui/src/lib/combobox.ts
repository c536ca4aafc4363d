// Keyboard behaviour of a combobox's list (WAI-ARIA APG "combobox with listbox popup"):
// the input keeps focus and `aria-activedescendant` points at the active option.

/** -1 means no option is active. */
export type ActiveIndex = number;

/**
 * The active option after `key`, or `null` when the key is not a list-navigation key.
 * Arrows wrap around, as in most desktop pickers; Home/End are left to the text input.
 */
export function moveActive(active: ActiveIndex, count: number, key: string): ActiveIndex | null {
  if (count <= 0) return key === 'ArrowDown' || key === 'ArrowUp' ? -1 : null;
  switch (key) {
    case 'ArrowDown':
      return active < 0 || active >= count - 1 ? 0 : active + 1;
    case 'ArrowUp':
      return active <= 0 ? count - 1 : active - 1;
    case 'PageDown':
      return active < 0 ? 0 : Math.min(count - 1, active + 5);
    case 'PageUp':
      return active < 0 ? count - 1 : Math.max(0, active - 5);
    default:
      return null;
  }
}
