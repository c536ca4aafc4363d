import type { dashboardSv } from './dashboard.sv';

export const dashboardEn: { readonly [K in keyof typeof dashboardSv]: string } = {};
