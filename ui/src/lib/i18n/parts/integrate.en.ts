import type { integrateSv } from './integrate.sv';

export const integrateEn: { readonly [K in keyof typeof integrateSv]: string } = {
  'integrate.title': 'Settling in',
};
