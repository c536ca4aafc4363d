import type { IconName } from '$lib/components/icons';
import type { PlainMessageKey } from '$lib/i18n/index.svelte';
import type { Section } from '$lib/router.svelte';

export interface NavItem {
  section: Section;
  label: PlainMessageKey;
  icon: IconName;
}

/** The sidebar, top to bottom. */
export const NAV_ITEMS: readonly NavItem[] = [
  { section: 'dashboard', label: 'nav.dashboard', icon: 'dashboard' },
  { section: 'households', label: 'nav.households', icon: 'households' },
  { section: 'board', label: 'nav.board', icon: 'board' },
  { section: 'organisations', label: 'nav.organisations', icon: 'organisations' },
  { section: 'events', label: 'nav.events', icon: 'events' },
  { section: 'hosts', label: 'nav.hosts', icon: 'hosts' },
  { section: 'jobs', label: 'nav.jobs', icon: 'jobs' },
  { section: 'projects', label: 'nav.projects', icon: 'projects' },
  { section: 'tasks', label: 'nav.tasks', icon: 'tasks' },
  { section: 'duplicates', label: 'nav.duplicates', icon: 'duplicates' },
  { section: 'data', label: 'nav.data', icon: 'data' },
];
