import type { onboardingSv } from './onboarding.sv';

export const onboardingEn: { readonly [K in keyof typeof onboardingSv]: string } = {
  'onboarding.intro':
    'Landa keeps track of the households thinking about moving here – from the first contact until they become ambassadors.',
  'onboarding.nameTitle': 'Welcome to Landa',
  'onboarding.nameLabel': 'What is your name?',
  'onboarding.nameHint': 'Your name appears on tasks and in the history of who changed what.',
  'onboarding.start': 'Get started',
  'onboarding.dataTitle': 'Hi {name}! How would you like to start?',
  'onboarding.dataBody':
    'The database is empty. You can try Landa with made-up households and organisations, or start right away with your own.',
  'onboarding.demo': 'Load demo data (500 households)',
  'onboarding.demoHint':
    'Made-up households, organisations, contact persons and tasks. No real personal data.',
  'onboarding.demoBusy': 'Creating demo data – this takes a few seconds…',
  'onboarding.demoDone': 'Demo data loaded: {households} households and {organisations} organisations.',
  'onboarding.empty': 'Start with an empty database',
  'onboarding.emptyHint': 'Add households and organisations yourself when you are ready.',
  'onboarding.restore': 'Restore from a backup…',
  'onboarding.restoreHint':
    'Moving to a new computer? Choose a backup from the old one, for example on a USB stick.',
  'onboarding.restoreTyped': 'Type the path instead',
  'onboarding.restoreGo': 'Open the file at the path',
  'onboarding.restoreBody':
    'The contents of the backup ({source}), its users included, replace the empty database on this computer. The empty database is kept aside as a backup of its own.',
  'onboarding.export': 'Read a JSON export…',
  'onboarding.exportHint':
    'Or a whole export from Landa (Data → Export → JSON). It is read into the empty database.',
  'onboarding.exportChoose': 'Choose a JSON export from Landa',
  'onboarding.exportFilter': 'JSON export from Landa',
  'onboarding.exportTitle': 'Read the export?',
  'onboarding.exportBody':
    'Every record in the export ({source}), its users too, is read into the empty database on this computer. The file is checked first; a file that is not a whole Landa export changes nothing.',
  'onboarding.exportConfirm': 'Read it in',
  'onboarding.exportDone': 'The export is read in: {households} households and {organisations} organisations.',
  'onboarding.pathLabel': 'Path to the backup or the JSON export',
  'onboarding.databaseAt': 'The database is stored in {path}',
  'onboarding.startupTitle': 'Landa cannot open the database',
  'onboarding.retry': 'Try again',
  'onboarding.starting': 'Starting Landa…',
  'onboarding.user.trigger': 'You are working as {name}. Switch user',
  'onboarding.user.menu': 'Users',
  'onboarding.user.switchHeading': 'Switch user',
  'onboarding.user.switched': 'You are now working as {name}.',
  'onboarding.user.add': 'Add coordinator',
  'onboarding.user.addTitle': 'New coordinator',
  'onboarding.user.addDescription':
    'Landa switches to the new user, so tasks and changes carry the right name.',
  'onboarding.user.nameLabel': 'Name',
  'onboarding.user.addSubmit': 'Add and switch',
  'onboarding.user.added': '{name} was added. You are now working as {name}.',
} as const;
