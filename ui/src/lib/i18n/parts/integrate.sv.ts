// Swedish messages of checklists, check-ins and ambassadors; keys start with 'integrate.' or
// 'checklist.'. Spread into ../sv.ts.
export const integrateSv = {
  'integrate.title': 'Etablering',
} as const;
