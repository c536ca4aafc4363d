import type { tasksSv } from './tasks.sv';

export const tasksEn: { readonly [K in keyof typeof tasksSv]: string } = {};
