// Swedish messages of the tasks feature; keys start with 'tasks.'. Spread into ../sv.ts.
export const tasksSv = {} as const;
