// Swedish messages of the organisations feature; keys start with 'organisations.'. Spread into ../sv.ts.
export const organisationsSv = {} as const;
