// The data page: backups (and, later, import and export). Keys: 'data.'.
export const dataSv = {
  'data.title': 'Data',
  'data.description': 'Export och säkerhetskopior av registret på den här datorn.',

  'data.export.title': 'Exportera',
  'data.export.explain':
    'Filerna sparas i mappen Hämtade filer. JSON-filen innehåller alla poster och kan läsas in i en tom databas med kommandot landa import-json. CSV-exporten blir en mapp med en fil per tabell, som öppnas direkt i svenska Excel. vCard-filen innehåller vuxna i hushållen och organisationernas kontaktpersoner, aldrig barn.',
  'data.export.json': 'Allt som JSON',
  'data.export.vcard': 'Kontakter som vCard',
  'data.export.csv': 'Varje tabell som CSV',
  'data.export.saved': 'Filen sparades: {path}',

  'data.backups.title': 'Säkerhetskopior',
  'data.backups.explain':
    'En säkerhetskopia är en hel kopia av databasen, kontrollerad innan den sparas. Landa gör en varje dag och när programmet stängs, och sparar de senaste. Kopior du gör själv tas aldrig bort automatiskt.',
  'data.backups.latest': 'Senaste säkerhetskopia: {when}',
  'data.backups.none': 'Ingen säkerhetskopia än.',
  'data.backups.due': 'Nästa dagliga säkerhetskopia görs inom en timme.',
  'data.backups.now': 'Säkerhetskopiera nu',
  'data.backups.made': 'Säkerhetskopian sparades: {path}',
  'data.backups.folderInUse': 'Mapp: {folder}',

  'data.backups.settings': 'Inställningar',
  'data.backups.folder': 'Mapp för säkerhetskopior',
  'data.backups.folderHint':
    'Fullständig sökväg, gärna till en annan disk eller en synkad mapp. Lämna tomt för standardmappen bredvid databasen.',
  'data.backups.keep': 'Antal automatiska kopior att spara',
  'data.backups.keepHint': 'Mellan 1 och 365. Äldre automatiska kopior tas bort.',
  'data.backups.automatic': 'Gör en säkerhetskopia varje dag och när Landa stängs',
  'data.backups.save': 'Spara inställningarna',
  'data.backups.saved': 'Inställningarna för säkerhetskopior sparades.',

  'data.backups.list': 'Sparade säkerhetskopior',
  'data.backups.col.when': 'Gjord',
  'data.backups.col.kind': 'Slag',
  'data.backups.col.size': 'Storlek',
  'data.backups.col.actions': 'Åtgärder',
  'data.backups.kind.manual': 'Manuell',
  'data.backups.kind.daily': 'Daglig',
  'data.backups.kind.on_quit': 'Vid avslut',
  'data.backups.kind.before_restore': 'Före återställning',
  'data.backups.empty': 'Mappen har inga säkerhetskopior än.',
  'data.backups.restore': 'Återställ',
  'data.backups.restoreNamed': 'Återställ säkerhetskopian från {when}',
  'data.backups.delete': 'Ta bort',
  'data.backups.deleteNamed': 'Ta bort säkerhetskopian från {when}',

  'data.backups.fromFile': 'Återställ från en annan fil',
  'data.backups.fromFileLabel': 'Sökväg till säkerhetskopian',
  'data.backups.fromFileHint': 'Till exempel en kopia på ett USB-minne.',
  'data.backups.fromFileGo': 'Återställ från filen',

  'data.restore.title': 'Återställa säkerhetskopian?',
  'data.restore.body':
    'Allt i Landa ersätts med innehållet i säkerhetskopian ({source}). Det som har lagts in sedan dess försvinner ur registret, men databasen som den är nu sparas först som en egen säkerhetskopia, så inget går förlorat.',
  'data.restore.confirm': 'Återställ',
  'data.restore.done': 'Säkerhetskopian är återställd. Databasen som den var sparades i {path}.',

  'data.delete.title': 'Ta bort säkerhetskopian?',
  'data.delete.body': 'Filen {name} tas bort från mappen. Det går inte att ångra.',
  'data.delete.confirm': 'Ta bort',
  'data.delete.done': 'Säkerhetskopian togs bort.',
} as const;
