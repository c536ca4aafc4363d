export const jobsSv = {
  'jobs.title': 'Jobb',
} as const;
