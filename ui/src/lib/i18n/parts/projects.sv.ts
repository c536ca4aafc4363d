export const projectsSv = {
  'projects.title': 'Projekt',
} as const;
