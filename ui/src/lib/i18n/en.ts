import type { Dictionary } from './sv';
import { householdsEn } from './parts/households.en';
import { boardEn } from './parts/board.en';
import { organisationsEn } from './parts/organisations.en';
import { tasksEn } from './parts/tasks.en';
import { dashboardEn } from './parts/dashboard.en';
import { onboardingEn } from './parts/onboarding.en';
import { searchEn } from './parts/search.en';
import { vocabEn } from './parts/vocab.en';
import { eventsEn } from './parts/events.en';
import { fairEn } from './parts/fair.en';
import { reconcileEn } from './parts/reconcile.en';
import { hostsEn } from './parts/hosts.en';
import { jobsEn } from './parts/jobs.en';
import { projectsEn } from './parts/projects.en';
import { integrateEn } from './parts/integrate.en';
import { reportsEn } from './parts/reports.en';
import { dataEn } from './parts/data.en';
import { protectionEn } from './parts/protection.en';
import { privacyEn } from './parts/privacy.en';
import { duplicatesEn } from './parts/duplicates.en';
import { auditEn } from './parts/audit.en';


export const en: Dictionary = {
  'app.name': 'Landa',
  'app.tagline': 'Relocation and hosting',

  'shell.skipToContent': 'Skip to content',
  'shell.mainNavigation': 'Main navigation',
  'shell.browserPreview': 'Browser preview',
  'shell.browserPreviewHint':
    'Landa is running without its desktop shell. Views are shown, but no data can be loaded.',
  'shell.pageTitle': '{page} · Landa',

  'nav.dashboard': 'Dashboard',
  'nav.households': 'Households',
  'nav.board': 'Board',
  'nav.organisations': 'Organisations',
  'nav.tasks': 'Tasks',
  'nav.events': 'Events',
  'nav.hosts': 'Hosts',
  'nav.jobs': 'Jobs',
  'nav.projects': 'Projects',
  'nav.duplicates': 'Duplicates',
  'nav.data': 'Data',

  'language.label': 'Language',
  'language.sv': 'Svenska',
  'language.en': 'English',

  'search.label': 'Search Landa',
  'search.placeholder': 'Search households, people, organisations…',
  'search.shortcut': 'Ctrl K',
  'search.shortcutHint': 'Press Ctrl+K to search from anywhere.',
  'search.title': 'Search',
  'search.resultsFor': 'Results for “{query}”',
  'search.emptyQuery': 'Type a search term in the search box at the top.',

  'dashboard.title': 'Dashboard',

  'households.title': 'Households',
  'households.detail.title': 'Household',

  'board.title': 'Board',

  'organisations.title': 'Organisations',
  'organisations.detail.title': 'Organisation',

  'tasks.title': 'Tasks',

  'notFound.title': 'Page not found',
  'notFound.body': 'The address {path} does not lead to any view in Landa.',
  'notFound.back': 'Go to the dashboard',

  'phase.attract': 'Attract',
  'phase.welcome': 'Welcome',
  'phase.integrate': 'Integrate',
  'phase.brand': 'Strengthened brand',
  'phase.closed': 'Closed',

  'common.close': 'Close',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.dismiss': 'Dismiss notification',
  'common.loading': 'Loading…',
  'common.required': 'required',
  'common.choose': 'Choose…',

  'notices.label': 'Notifications',

  'error.generic': 'Something went wrong. Please try again.',
  'error.not_found': 'What you are looking for no longer exists. It may have been deleted.',
  'error.validation': 'Some details need correcting. See the highlighted fields.',
  'error.invalid_stage_transition':
    'The household cannot move to that stage from the stage it is in now.',
  'error.reason_required': 'Give a reason for the change.',
  'error.database_newer':
    'The database was saved by a newer version of Landa. Update Landa to open it. No data has been changed.',
  'error.storage':
    'Landa could not read from or write to the local database. Try again in a moment.',
  'error.no_user': 'Choose who you are before you continue.',
  'error.storage_full': 'The disk is full. Landa could not save – free some space and try again. Nothing was lost.',
  'error.internal': 'An unexpected error occurred in Landa. Please try again.',
  'error.kiosk_active': 'Kiosk mode is on. Leave kiosk mode with the staff PIN first.',
  'error.wrong_pin': 'Wrong PIN.',
  'error.pin_blocked': 'Too many wrong attempts. Wait a minute and try again.',
  'error.file_write': 'The file could not be saved. Check that the folder exists and that the disk has space.',
  'error.file_read': 'The file could not be read. Check that it is still there and that you may open it.',
  'error.wrong_passphrase': 'Wrong passphrase. Check upper and lower case and try again.',
  'error.locked': 'Landa is locked. Unlock it with the passphrase.',
  'error.keychain_unavailable': "The computer's keychain did not answer or refused access. Landa still opens with the passphrase.",
  'error.keychain_not_remembered': "The computer's keychain holds no key that opens the database. Type the passphrase.",

  ...householdsEn,
  ...boardEn,
  ...organisationsEn,
  ...tasksEn,
  ...dashboardEn,
  ...onboardingEn,
  ...searchEn,
  ...vocabEn,
  ...eventsEn,
  ...fairEn,
  ...reconcileEn,
  ...hostsEn,
  ...jobsEn,
  ...projectsEn,
  ...reportsEn,
  ...dataEn,
  ...protectionEn,
  ...privacyEn,
  ...duplicatesEn,
  ...auditEn,
  ...integrateEn,
};
