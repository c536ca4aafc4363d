import { describe, expect, it } from 'vitest';
import { countOf, phaseTone, share, stageBars } from './stats';

describe('stageBars', () => {
  const bars = stageBars([
    { stage: 'contacted', count: 40 },
    { stage: 'arrived', count: 10 },
    { stage: 'ambassador', count: 1 },
    { stage: 'moved_away', count: 3 },
  ]);

  it('lists every phase in pipeline order with all its stages, closed last', () => {
    expect(bars.map((b) => b.phase)).toEqual([
      'attract',
      'welcome',
      'integrate',
      'strengthened_brand',
      'closed',
    ]);
    expect(bars[0]?.stages.map((s) => s.stage)).toEqual([
      'lead_captured',
      'contacted',
      'engaged',
      'visit',
      'decided',
    ]);
  });

  it('scales bars to the fullest stage and keeps empty stages at zero', () => {
    const attract = bars[0]?.stages ?? [];
    expect(attract.find((s) => s.stage === 'contacted')?.width).toBe(100);
    expect(attract.find((s) => s.stage === 'lead_captured')).toEqual({
      stage: 'lead_captured',
      count: 0,
      width: 0,
    });
    expect(bars[1]?.stages.find((s) => s.stage === 'arrived')?.width).toBe(25);
  });

  it('gives a tiny stage a visible sliver instead of rounding it away', () => {
    expect(bars[3]?.stages[0]?.width, '1 of 40 would round to 3%, never below 2%').toBe(3);
    const tiny = stageBars([
      { stage: 'contacted', count: 1000 },
      { stage: 'visit', count: 1 },
    ]);
    expect(tiny[0]?.stages.find((s) => s.stage === 'visit')?.width).toBe(2);
  });

  it('sums each phase', () => {
    expect(bars.map((b) => b.total)).toEqual([40, 10, 0, 1, 3]);
  });

  it('handles an empty database', () => {
    expect(stageBars([]).every((b) => b.total === 0 && b.stages.every((s) => s.width === 0))).toBe(
      true,
    );
  });
});

describe('helpers', () => {
  it('shares without dividing by zero', () => {
    expect(share(1, 3)).toBe(33);
    expect(share(5, 0)).toBe(0);
  });

  it('finds a phase count or zero', () => {
    expect(countOf([{ phase: 'welcome', count: 7 }], 'welcome')).toBe(7);
    expect(countOf([], 'attract')).toBe(0);
  });

  it('draws strengthened brand in the brand tone', () => {
    expect(phaseTone('strengthened_brand')).toBe('brand');
    expect(phaseTone('attract')).toBe('attract');
  });
});
