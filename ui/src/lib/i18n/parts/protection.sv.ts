// Swedish messages of encryption and the app lock; keys start with 'protection.'. Spread into ../sv.ts.
export const protectionSv = {
  'protection.step': 'Steg 1 av 2',
  'protection.newTitle': 'Skydda uppgifterna med en lösenfras',
  'protection.newIntro':
    'Landa krypterar databasen på den här datorn. Utan lösenfrasen går ingenting att läsa – inte ens om datorn kommer bort.',
  'protection.plainTitle': 'Kryptera databasen',
  'protection.plainIntro':
    'Databasen på den här datorn är inte krypterad än. Välj en lösenfras, så krypterar Landa databasen och säkerhetskopiorna i säkerhetskopiemappen. Inget går förlorat.',
  'protection.passphrase': 'Lösenfras',
  'protection.passphraseHint': 'Minst {min} tecken. Några ord i rad är lätta att minnas och svåra att gissa.',
  'protection.repeat': 'Samma lösenfras igen',
  'protection.show': 'Visa lösenfrasen',
  'protection.count': '{count} av minst {min} tecken',
  'protection.warning':
    'Skriv upp lösenfrasen och förvara den säkert. Glöms den bort går uppgifterna inte att få tillbaka – inte heller från säkerhetskopiorna.',
  'protection.create': 'Kryptera och fortsätt',
  'protection.encrypt': 'Kryptera databasen',
  'protection.busy': 'Krypterar…',
  'protection.lockedTitle': 'Landa är låst',
  'protection.lockedIntro': 'Skriv lösenfrasen för att låsa upp.',
  'protection.lockedIntroKeychain': 'Skriv lösenfrasen eller lås upp med datorns nyckelring.',
  'protection.unlock': 'Lås upp',
  'protection.unlocking': 'Låser upp…',
  'protection.forgotten':
    'Glömt lösenfrasen? Utan den går databasen inte att öppna, inte ens för Landa. Be den som satte upp datorn om hjälp.',
  'protection.lockNow': 'Lås Landa',
  'protection.lockNowHint': 'Låser fönstret direkt. Uppgifterna syns igen först när lösenfrasen skrivs in.',
  'protection.locked': 'Landa är låst.',
  'protection.settingsTitle': 'Kryptering och lås',
  'protection.settingsBody':
    'Databasen och säkerhetskopiorna är krypterade med lösenfrasen. Fönstret låser sig när det inte har använts på ett tag.',
  'protection.idleLabel': 'Lås efter',
  'protection.idleNever': 'Aldrig',
  'protection.idleMinutes': '{count} minuter',
  'protection.idleSaved': 'Landa låser sig nu efter {count} minuter utan användning.',
  'protection.idleSavedNever': 'Landa låser sig inte av sig själv. Lås med Lås Landa när du går ifrån datorn.',
  'protection.change': 'Byt lösenfras…',
  'protection.changeTitle': 'Byt lösenfras',
  'protection.changeBody':
    'Databasen och säkerhetskopiorna i säkerhetskopiemappen krypteras om med den nya lösenfrasen. Den gamla fungerar sedan inte längre.',
  'protection.current': 'Nuvarande lösenfras',
  'protection.new': 'Ny lösenfras',
  'protection.changeSubmit': 'Byt lösenfras',
  'protection.changed': 'Lösenfrasen är bytt. Säkerhetskopior som krypterades om: {count}.',
  'protection.changedKept':
    'Lösenfrasen är bytt. Säkerhetskopior som krypterades om: {count}. Säkerhetskopior som inte gick att öppna med den gamla lösenfrasen och har kvar sin: {kept}.',
  'protection.backupPassphrase': 'Säkerhetskopians lösenfras',
  'protection.backupPassphraseHint':
    'Säkerhetskopian öppnas inte med den här databasens lösenfras. Skriv lösenfrasen den gjordes med, till exempel den gamla datorns.',
  'protection.signInTitle': 'Vem arbetar nu?',
  'protection.signInIntro': 'Flera samordnare använder den här datorn. Välj ditt namn – allt du ändrar sparas med det.',
  'protection.signInContinue': 'Fortsätt som {name}',
  'protection.signInNote': 'Inloggningen loggas, så att granskningsloggen visar vem som arbetade när.',
  'protection.openingLegend': "Hur ska Landa öppnas på den här datorn?",
  'protection.openingAsk': "Fråga efter lösenfrasen varje gång",
  'protection.openingAskHint':
    "Säkrast på en bärbar dator som följer med på mässor eller som andra också använder.",
  'protection.openingRemember': "Kom ihåg nyckeln i datorns nyckelring",
  'protection.openingRememberHint':
    "Landa öppnas utan lösenfras när du är inloggad på datorn. Lösenfrasen behövs ändå för säkerhetskopior på en annan dator och om nyckelringen töms.",
  'protection.noKeychain':
    "Datorns nyckelring svarar inte, så Landa frågar efter lösenfrasen varje gång programmet startar.",
  'protection.keychainNotSaved':
    "Datorns nyckelring kunde inte spara nyckeln, så Landa frågar efter lösenfrasen vid nästa start. Försök igen under Data → Kryptering och lås.",
  'protection.unlockKeychain': "Lås upp med datorns nyckelring",
  'protection.keychainRemembered':
    "Nyckeln finns nu i datorns nyckelring. Landa öppnas utan lösenfras på den här datorn.",
  'protection.keychainForgotten':
    "Nyckeln är borttagen ur datorns nyckelring. Landa frågar efter lösenfrasen vid varje start.",
  'protection.keychainLost':
    "Datorns nyckelring tog inte emot den nya nyckeln, så den gamla är borttagen. Landa frågar efter lösenfrasen vid nästa start.",
  'protection.noKeychainHere':
    "Datorns nyckelring svarar inte, så Landa kan inte komma ihåg nyckeln på den här datorn.",
  'protection.rememberLabel': "Kom ihåg nyckeln i datorns nyckelring",
  'protection.rememberHint':
    "Landa öppnas då utan lösenfras när du är inloggad på datorn, och låsskärmen kan låsas upp med nyckelringen. Den som kan använda ditt datorkonto kommer då också åt Landa.",
} as const;
