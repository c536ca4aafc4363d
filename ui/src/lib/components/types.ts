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
  /** Options with a group are shown under that heading (an optgroup), in order of appearance. */
  group?: string;
}

/** Consecutive options with the same group, for rendering optgroups. */
export function groupOptions<T extends string>(
  options: readonly SelectOption<T>[],
): { group: string | undefined; options: SelectOption<T>[] }[] {
  const out: { group: string | undefined; options: SelectOption<T>[] }[] = [];
  for (const option of options) {
    const last = out.at(-1);
    if (last && last.group === option.group) last.options.push(option);
    else out.push({ group: option.group, options: [option] });
  }
  return out;
}
