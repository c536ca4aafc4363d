import type { jobsSv } from './jobs.sv';

export const jobsEn: { readonly [K in keyof typeof jobsSv]: string } = {
  'jobs.title': 'Jobs',
};
