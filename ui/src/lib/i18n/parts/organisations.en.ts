import type { organisationsSv } from './organisations.sv';

export const organisationsEn: { readonly [K in keyof typeof organisationsSv]: string } = {};
