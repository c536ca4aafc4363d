import { householdsSv } from './parts/households.sv';
import { boardSv } from './parts/board.sv';
import { organisationsSv } from './parts/organisations.sv';
import { tasksSv } from './parts/tasks.sv';
import { dashboardSv } from './parts/dashboard.sv';
import { onboardingSv } from './parts/onboarding.sv';
import { searchSv } from './parts/search.sv';
import { vocabSv } from './parts/vocab.sv';
import { eventsSv } from './parts/events.sv';
import { fairSv } from './parts/fair.sv';
import { reconcileSv } from './parts/reconcile.sv';
import { hostsSv } from './parts/hosts.sv';
import { jobsSv } from './parts/jobs.sv';
import { projectsSv } from './parts/projects.sv';
import { integrateSv } from './parts/integrate.sv';
import { reportsSv } from './parts/reports.sv';
import { dataSv } from './parts/data.sv';
import { protectionSv } from './parts/protection.sv';
import { privacySv } from './parts/privacy.sv';
import { duplicatesSv } from './parts/duplicates.sv';
import { auditSv } from './parts/audit.sv';

// Swedish is the source language: this object defines which message keys exist.
// Placeholders are written {name}; every translation must use the same ones (tested).
export const sv = {
  'app.name': 'Landa',
  'app.tagline': 'Inflyttning och värdskap',

  'shell.skipToContent': 'Hoppa till innehåll',
  'shell.mainNavigation': 'Huvudmeny',
  'shell.browserPreview': 'Förhandsvisning i webbläsare',
  'shell.browserPreviewHint':
    'Landa körs utan sitt skrivbordsskal. Vyerna visas, men inga data kan läsas in.',
  'shell.pageTitle': '{page} · Landa',

  'nav.dashboard': 'Översikt',
  'nav.households': 'Hushåll',
  'nav.board': 'Tavla',
  'nav.organisations': 'Organisationer',
  'nav.tasks': 'Uppgifter',
  'nav.events': 'Evenemang',
  'nav.hosts': 'Värdar',
  'nav.jobs': 'Jobb',
  'nav.projects': 'Projekt',
  'nav.duplicates': 'Dubbletter',
  'nav.data': 'Data',

  'language.label': 'Språk',
  'language.sv': 'Svenska',
  'language.en': 'English',

  'search.label': 'Sök i Landa',
  'search.placeholder': 'Sök hushåll, personer, organisationer…',
  'search.shortcut': 'Ctrl K',
  'search.shortcutHint': 'Tryck Ctrl+K för att söka var du än är.',
  'search.title': 'Sök',
  'search.resultsFor': 'Resultat för ”{query}”',
  'search.emptyQuery': 'Skriv ett sökord i sökfältet högst upp.',

  'dashboard.title': 'Översikt',

  'households.title': 'Hushåll',
  'households.detail.title': 'Hushåll',

  'board.title': 'Tavla',

  'organisations.title': 'Organisationer',
  'organisations.detail.title': 'Organisation',

  'tasks.title': 'Uppgifter',

  'notFound.title': 'Sidan finns inte',
  'notFound.body': 'Adressen {path} leder inte till någon vy i Landa.',
  'notFound.back': 'Till översikten',

  'phase.attract': 'Attrahera',
  'phase.welcome': 'Välkomna',
  'phase.integrate': 'Integrera',
  'phase.brand': 'Stärkt varumärke',
  'phase.closed': 'Avslutad',

  'common.close': 'Stäng',
  'common.cancel': 'Avbryt',
  'common.save': 'Spara',
  'common.dismiss': 'Ta bort meddelandet',
  'common.loading': 'Läser in…',
  'common.required': 'obligatoriskt',
  'common.choose': 'Välj…',

  'notices.label': 'Meddelanden',

  'error.generic': 'Något gick fel. Försök igen.',
  'error.not_found': 'Det du letar efter finns inte längre. Det kan ha tagits bort.',
  'error.validation': 'Några uppgifter behöver rättas. Se de markerade fälten.',
  'error.invalid_stage_transition':
    'Hushållet kan inte flyttas till det steget från det steg det står i nu.',
  'error.reason_required': 'Ange en anledning till ändringen.',
  'error.database_newer':
    'Databasen har sparats av en nyare version av Landa. Uppdatera Landa för att öppna den. Inga uppgifter har ändrats.',
  'error.storage':
    'Landa kunde inte läsa från eller skriva till den lokala databasen. Försök igen om en stund.',
  'error.no_user': 'Välj vem du är innan du fortsätter.',
  'error.storage_full': 'Disken är full. Landa kunde inte spara – frigör utrymme och försök igen. Inget har gått förlorat.',
  'error.internal': 'Ett oväntat fel uppstod i Landa. Försök igen.',
  'error.kiosk_active': 'Kioskläget är på. Lämna kioskläget med personalens PIN-kod först.',
  'error.wrong_pin': 'Fel PIN-kod.',
  'error.pin_blocked': 'För många felaktiga försök. Vänta en minut och försök igen.',
  'error.file_write': 'Filen kunde inte sparas. Kontrollera att mappen finns och att det finns utrymme på disken.',
  'error.file_read': 'Filen kunde inte läsas. Kontrollera att den finns kvar och att du har behörighet att öppna den.',
  'error.wrong_passphrase': 'Fel lösenfras. Kontrollera stora och små bokstäver och försök igen.',
  'error.locked': 'Landa är låst. Lås upp med lösenfrasen.',
  'error.keychain_unavailable': 'Datorns nyckelring svarade inte eller nekade åtkomst. Landa öppnas fortfarande med lösenfrasen.',
  'error.keychain_not_remembered': 'Datorns nyckelring har ingen nyckel som öppnar databasen. Skriv lösenfrasen.',

  ...householdsSv,
  ...boardSv,
  ...organisationsSv,
  ...tasksSv,
  ...dashboardSv,
  ...onboardingSv,
  ...searchSv,
  ...vocabSv,
  ...eventsSv,
  ...fairSv,
  ...reconcileSv,
  ...hostsSv,
  ...jobsSv,
  ...projectsSv,
  ...reportsSv,
  ...dataSv,
  ...protectionSv,
  ...privacySv,
  ...duplicatesSv,
  ...auditSv,
  ...integrateSv,
} as const;

export type MessageKey = keyof typeof sv;

/** What every other language must provide: exactly the Swedish keys, any wording. */
export type Dictionary = { readonly [K in MessageKey]: string };
