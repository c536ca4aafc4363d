import type { searchSv } from './search.sv';

export const searchEn: { readonly [K in keyof typeof searchSv]: string } = {};
