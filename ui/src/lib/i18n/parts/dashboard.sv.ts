// Swedish messages of the dashboard feature; keys start with 'dashboard.'. Spread into ../sv.ts.
export const dashboardSv = {} as const;
