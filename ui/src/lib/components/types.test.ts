import { describe, expect, it } from 'vitest';
import { groupOptions } from './types';

describe('groupOptions', () => {
  it('keeps order and puts consecutive options of one group together', () => {
    const blocks = groupOptions([
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B', group: 'Attrahera' },
      { value: 'c', label: 'C', group: 'Attrahera' },
      { value: 'd', label: 'D', group: 'Välkomna' },
    ]);
    expect(blocks.map((b) => [b.group, b.options.map((o) => o.value)])).toEqual([
      [undefined, ['a']],
      ['Attrahera', ['b', 'c']],
      ['Välkomna', ['d']],
    ]);
  });

  it('gives one ungrouped block for plain options', () => {
    expect(groupOptions([{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }])).toHaveLength(1);
  });
});
