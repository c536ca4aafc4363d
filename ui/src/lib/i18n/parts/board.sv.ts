// Swedish messages of the board feature; keys start with 'board.'. Spread into ../sv.ts.
export const boardSv = {} as const;
