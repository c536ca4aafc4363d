// Swedish messages of the households feature; keys start with 'households.'. Spread into ../sv.ts.
export const householdsSv = {} as const;
