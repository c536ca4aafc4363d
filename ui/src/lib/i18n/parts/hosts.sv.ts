export const hostsSv = {
  'hosts.title': 'Värdar',
  'hosts.detail.title': 'Värd',
  'matching.title': 'Matchning',
} as const;
