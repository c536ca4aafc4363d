import type { dataSv } from './data.sv';

export const dataEn: Record<keyof typeof dataSv, string> = {
  'data.title': 'Data',
  'data.description': 'Export and backups of the register on this computer.',

  'data.export.title': 'Export',
  'data.export.explain':
    'Files are saved in your Downloads folder. The JSON file holds every record and can be read into an empty database with the command landa import-json. The CSV export is a folder with one file per table that Excel opens as it is. The vCard file holds the adults of households and the contact persons of organisations, never children.',
  'data.export.json': 'Everything as JSON',
  'data.export.vcard': 'Contacts as vCard',
  'data.export.csv': 'Every table as CSV',
  'data.export.saved': 'The file was saved: {path}',

  'data.backups.title': 'Backups',
  'data.backups.explain':
    'A backup is a whole copy of the database, checked before it is kept. Landa makes one every day and when it closes, and keeps the newest ones. Backups you make yourself are never deleted automatically.',
  'data.backups.latest': 'Latest backup: {when}',
  'data.backups.none': 'No backup yet.',
  'data.backups.due': 'The next daily backup is made within the hour.',
  'data.backups.now': 'Back up now',
  'data.backups.made': 'The backup was saved: {path}',
  'data.backups.folderInUse': 'Folder: {folder}',

  'data.backups.settings': 'Settings',
  'data.backups.folder': 'Backup folder',
  'data.backups.folderHint':
    'A full path, preferably on another disk or a synced folder. Leave empty for the default folder beside the database.',
  'data.backups.keep': 'Automatic backups to keep',
  'data.backups.keepHint': 'From 1 to 365. Older automatic backups are deleted.',
  'data.backups.automatic': 'Make a backup every day and when Landa closes',
  'data.backups.save': 'Save settings',
  'data.backups.saved': 'The backup settings were saved.',

  'data.backups.list': 'Saved backups',
  'data.backups.col.when': 'Made',
  'data.backups.col.kind': 'Kind',
  'data.backups.col.size': 'Size',
  'data.backups.col.actions': 'Actions',
  'data.backups.kind.manual': 'Manual',
  'data.backups.kind.daily': 'Daily',
  'data.backups.kind.on_quit': 'On quit',
  'data.backups.kind.before_restore': 'Before a restore',
  'data.backups.empty': 'The folder has no backups yet.',
  'data.backups.restore': 'Restore',
  'data.backups.restoreNamed': 'Restore the backup from {when}',
  'data.backups.delete': 'Delete',
  'data.backups.deleteNamed': 'Delete the backup from {when}',

  'data.backups.fromFile': 'Restore from another file',
  'data.backups.fromFileLabel': 'Path of the backup',
  'data.backups.fromFileHint': 'For example a copy on a USB stick.',
  'data.backups.fromFileGo': 'Restore from the file',

  'data.restore.title': 'Restore the backup?',
  'data.restore.body':
    'Everything in Landa is replaced by the backup ({source}). What was entered since then leaves the register, but the database as it is now is saved first as a backup of its own, so nothing is lost.',
  'data.restore.confirm': 'Restore',
  'data.restore.done': 'The backup is restored. The database as it was is saved in {path}.',

  'data.delete.title': 'Delete the backup?',
  'data.delete.body': 'The file {name} is deleted from the folder. This cannot be undone.',
  'data.delete.confirm': 'Delete',
  'data.delete.done': 'The backup was deleted.',
};
