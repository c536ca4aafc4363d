// Swedish messages of the search feature; keys start with 'search.'. Spread into ../sv.ts.
export const searchSv = {} as const;
