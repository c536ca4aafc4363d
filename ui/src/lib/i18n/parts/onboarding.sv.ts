// Swedish messages of the onboarding feature; keys start with 'onboarding.'. Spread into ../sv.ts.
export const onboardingSv = {
  'onboarding.intro':
    'Landa håller ordning på hushållen som funderar på att flytta hit – från första kontakten till att de blir ambassadörer.',
  'onboarding.nameTitle': 'Välkommen till Landa',
  'onboarding.nameLabel': 'Vad heter du?',
  'onboarding.nameHint': 'Ditt namn visas på uppgifter och i historiken över vem som ändrat vad.',
  'onboarding.start': 'Kom igång',
  'onboarding.dataTitle': 'Hej {name}! Hur vill du börja?',
  'onboarding.dataBody':
    'Databasen är tom. Du kan prova Landa med påhittade hushåll och organisationer, eller börja direkt med dina egna.',
  'onboarding.demo': 'Läs in demodata (500 hushåll)',
  'onboarding.demoHint':
    'Påhittade hushåll, organisationer, kontaktpersoner och uppgifter. Inga riktiga personuppgifter.',
  'onboarding.demoBusy': 'Skapar demodata – det tar några sekunder…',
  'onboarding.demoDone': 'Demodata inläst: {households} hushåll och {organisations} organisationer.',
  'onboarding.empty': 'Börja med en tom databas',
  'onboarding.emptyHint': 'Lägg in hushåll och organisationer själv när du är redo.',
  'onboarding.restore': 'Återställ från en säkerhetskopia…',
  'onboarding.restoreHint':
    'Flyttar du till en ny dator? Välj en säkerhetskopia från den gamla, till exempel på ett USB-minne.',
  'onboarding.restoreTyped': 'Skriv sökvägen i stället',
  'onboarding.restoreGo': 'Öppna filen på sökvägen',
  'onboarding.restoreBody':
    'Innehållet i säkerhetskopian ({source}), även dess användare, ersätter den tomma databasen på den här datorn. Den tomma databasen läggs undan som en egen säkerhetskopia.',
  'onboarding.export': 'Läs in en JSON-export…',
  'onboarding.exportHint':
    'Eller en hel export från Landa (Data → Exportera → JSON). Den läses in i den tomma databasen.',
  'onboarding.exportChoose': 'Välj en JSON-export från Landa',
  'onboarding.exportFilter': 'JSON-export från Landa',
  'onboarding.exportTitle': 'Läsa in exporten?',
  'onboarding.exportBody':
    'Alla poster i exporten ({source}), även dess användare, läses in i den tomma databasen på den här datorn. Filen kontrolleras först; en fil som inte är en hel export från Landa ändrar ingenting.',
  'onboarding.exportConfirm': 'Läs in',
  'onboarding.exportDone': 'Exporten är inläst: {households} hushåll och {organisations} organisationer.',
  'onboarding.pathLabel': 'Sökväg till säkerhetskopian eller JSON-exporten',
  'onboarding.databaseAt': 'Databasen sparas i {path}',
  'onboarding.startupTitle': 'Landa kan inte öppna databasen',
  'onboarding.retry': 'Försök igen',
  'onboarding.starting': 'Startar Landa…',
  'onboarding.user.trigger': 'Du arbetar som {name}. Byt användare',
  'onboarding.user.menu': 'Användare',
  'onboarding.user.switchHeading': 'Byt användare',
  'onboarding.user.switched': 'Du arbetar nu som {name}.',
  'onboarding.user.add': 'Lägg till inflyttarlots',
  'onboarding.user.addTitle': 'Ny inflyttarlots',
  'onboarding.user.addDescription':
    'Landa byter till den nya användaren, så att uppgifter och ändringar står på rätt namn.',
  'onboarding.user.nameLabel': 'Namn',
  'onboarding.user.addSubmit': 'Lägg till och byt',
  'onboarding.user.added': '{name} är tillagd. Du arbetar nu som {name}.',
} as const;
