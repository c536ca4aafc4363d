import type { projectsSv } from './projects.sv';

export const projectsEn: { readonly [K in keyof typeof projectsSv]: string } = {
  'projects.title': 'Projects',
};
