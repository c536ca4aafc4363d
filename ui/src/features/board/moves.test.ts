import { describe, expect, it } from 'vitest';
import type { Board, BoardCard } from '$ipc';
import { adjacentStage, moveCard, moveDirection } from './moves';

const key = (key: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('moveDirection', () => {
  it('reads brackets and Alt+arrows as moves', () => {
    expect(moveDirection(key(']'))).toBe(1);
    expect(moveDirection(key('['))).toBe(-1);
    expect(moveDirection(key('ArrowRight', { altKey: true }))).toBe(1);
    expect(moveDirection(key('ArrowLeft', { altKey: true }))).toBe(-1);
  });

  it('leaves plain arrows, Enter and Ctrl combinations alone', () => {
    expect(moveDirection(key('ArrowRight')), 'plain arrows scroll').toBeNull();
    expect(moveDirection(key('Enter'))).toBeNull();
    expect(moveDirection(key(']', { ctrlKey: true }))).toBeNull();
  });
});

describe('adjacentStage', () => {
  it('steps through the open pipeline across phase borders', () => {
    expect(adjacentStage('decided', 1), 'attract → welcome').toBe('moving');
    expect(adjacentStage('moving', -1)).toBe('decided');
  });

  it('stops at the ends and never steps into a closed outcome', () => {
    expect(adjacentStage('lead_captured', -1)).toBeNull();
    expect(adjacentStage('ambassador', 1)).toBeNull();
    expect(adjacentStage('not_moving', 1)).toBeNull();
  });
});

describe('moveCard', () => {
  const card = (id: string): BoardCard => ({
    id,
    name: id,
    adults: 1,
    children: 0,
    municipalities: [],
    owner_name: null,
    updated_at: '2026-01-01T00:00:00Z',
  });
  const board: Board = {
    columns: [
      { stage: 'lead_captured', phase: 'attract', count: 7, cards: [card('a'), card('b')] },
      { stage: 'contacted', phase: 'attract', count: 1, cards: [card('c')] },
    ],
  };

  it('moves the card to the top of the target column and adjusts both counts', () => {
    const moved = moveCard(board, 'b', 'contacted');
    expect(moved.columns[0]!.cards.map((c) => c.id)).toEqual(['a']);
    expect(moved.columns[0]!.count, 'the count covers cards beyond those shown').toBe(6);
    expect(moved.columns[1]!.cards.map((c) => c.id)).toEqual(['b', 'c']);
    expect(moved.columns[1]!.count).toBe(2);
  });

  it('leaves the board untouched for an unknown card or a move to the same column', () => {
    expect(moveCard(board, 'zz', 'contacted')).toBe(board);
    expect(moveCard(board, 'a', 'lead_captured')).toBe(board);
  });

  it('does not change the board it was given', () => {
    moveCard(board, 'a', 'contacted');
    expect(board.columns[0]!.cards).toHaveLength(2);
  });
});
