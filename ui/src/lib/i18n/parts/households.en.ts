import type { householdsSv } from './households.sv';

export const householdsEn: { readonly [K in keyof typeof householdsSv]: string } = {};
