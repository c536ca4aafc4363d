// Pure helpers behind the board's moves: which key means which direction, which stage is
// next door, and what the board looks like once a card has moved (shown before the
// backend answers, so a drop feels instant).
import type { Board, BoardCard, Stage } from '$ipc';
import { STAGES, phaseOf } from '$lib/vocab';

const OPEN_STAGES: readonly Stage[] = STAGES.filter((s) => phaseOf(s) !== 'closed');

export type Direction = 1 | -1;

interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/**
 * `]` / `[` (as in many trackers) or Alt+→ / Alt+← move a focused card. Plain arrows are
 * left alone: they scroll the board. Ctrl/Cmd combinations belong to the app and system.
 */
export function moveDirection(event: KeyLike): Direction | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (!event.altKey && event.key === ']') return 1;
  if (!event.altKey && event.key === '[') return -1;
  if (event.altKey && event.key === 'ArrowRight') return 1;
  if (event.altKey && event.key === 'ArrowLeft') return -1;
  return null;
}

/** The neighbouring open stage; `null` at either end of the pipeline. */
export function adjacentStage(stage: Stage, direction: Direction): Stage | null {
  const i = OPEN_STAGES.indexOf(stage);
  if (i === -1) return null;
  return OPEN_STAGES[i + direction] ?? null;
}

export function findCard(board: Board, cardId: string): { card: BoardCard; stage: Stage } | null {
  for (const column of board.columns) {
    const card = column.cards.find((c) => c.id === cardId);
    if (card) return { card, stage: column.stage };
  }
  return null;
}

/** The board with one card moved to the top of another column, counts adjusted. */
export function moveCard(board: Board, cardId: string, to: Stage): Board {
  const found = findCard(board, cardId);
  if (!found || found.stage === to) return board;
  return {
    columns: board.columns.map((column) => {
      if (column.stage === found.stage) {
        return {
          ...column,
          count: Math.max(0, column.count - 1),
          cards: column.cards.filter((c) => c.id !== cardId),
        };
      }
      if (column.stage === to) {
        return { ...column, count: column.count + 1, cards: [found.card, ...column.cards] };
      }
      return column;
    }),
  };
}
