import type { boardSv } from './board.sv';

export const boardEn: { readonly [K in keyof typeof boardSv]: string } = {};
