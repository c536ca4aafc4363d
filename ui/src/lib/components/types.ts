// Types that callers of shared components need. Kept in a .ts file because type-aware
// lint cannot see types exported from a .svelte file.

/** Phase tones match the TAM phases; `closed` covers "not moving" and "moved away". */
export type BadgeTone =
  | 'neutral'
  | 'accent'
  | 'danger'
  | 'attract'
  | 'welcome'
  | 'integrate'
  | 'brand'
  | 'closed';

export interface SelectOption<T extends string> {
  value: T;
  label: string;
  disabled?: boolean;
}
