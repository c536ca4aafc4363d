import type { protectionSv } from './protection.sv';

export const protectionEn: Record<keyof typeof protectionSv, string> = {
  'protection.step': 'Step 1 of 2',
  'protection.newTitle': 'Protect the data with a passphrase',
  'protection.newIntro':
    'Landa encrypts the database on this computer. Without the passphrase nothing can be read – not even if the computer is lost.',
  'protection.plainTitle': 'Encrypt the database',
  'protection.plainIntro':
    'The database on this computer is not encrypted yet. Choose a passphrase and Landa encrypts the database and the backups in the backup folder. Nothing is lost.',
  'protection.passphrase': 'Passphrase',
  'protection.passphraseHint': 'At least {min} characters. A few words in a row are easy to remember and hard to guess.',
  'protection.repeat': 'The same passphrase again',
  'protection.show': 'Show the passphrase',
  'protection.count': '{count} of at least {min} characters',
  'protection.warning':
    'Write the passphrase down and keep it safe. If it is forgotten, the data cannot be recovered – not from the backups either.',
  'protection.create': 'Encrypt and continue',
  'protection.encrypt': 'Encrypt the database',
  'protection.busy': 'Encrypting…',
  'protection.lockedTitle': 'Landa is locked',
  'protection.lockedIntro': 'Type the passphrase to unlock.',
  'protection.lockedIntroKeychain': "Type the passphrase, or unlock with the computer's keychain.",
  'protection.unlock': 'Unlock',
  'protection.unlocking': 'Unlocking…',
  'protection.forgotten':
    'Forgot the passphrase? Without it the database cannot be opened, not even by Landa. Ask whoever set up this computer for help.',
  'protection.lockNow': 'Lock Landa',
  'protection.lockNowHint': 'Locks the window at once. The data shows again only when the passphrase is typed.',
  'protection.locked': 'Landa is locked.',
  'protection.settingsTitle': 'Encryption and lock',
  'protection.settingsBody':
    'The database and the backups are encrypted with the passphrase. The window locks itself when it has not been used for a while.',
  'protection.idleLabel': 'Lock after',
  'protection.idleNever': 'Never',
  'protection.idleMinutes': '{count} minutes',
  'protection.idleSaved': 'Landa now locks itself after {count} minutes without use.',
  'protection.idleSavedNever': 'Landa does not lock itself. Use Lock Landa when you leave the computer.',
  'protection.change': 'Change passphrase…',
  'protection.changeTitle': 'Change passphrase',
  'protection.changeBody':
    'The database and the backups in the backup folder are encrypted again with the new passphrase. The old one stops working.',
  'protection.current': 'Current passphrase',
  'protection.new': 'New passphrase',
  'protection.changeSubmit': 'Change passphrase',
  'protection.changed': 'The passphrase is changed. Backups encrypted again: {count}.',
  'protection.changedKept':
    'The passphrase is changed. Backups encrypted again: {count}. Backups that did not open with the old passphrase and keep theirs: {kept}.',
  'protection.backupPassphrase': "The backup's passphrase",
  'protection.backupPassphraseHint':
    "The backup does not open with this database's passphrase. Type the passphrase it was made with, for example the old computer's.",
  'protection.signInTitle': 'Who is working now?',
  'protection.signInIntro': 'Several coordinators use this computer. Choose your name – everything you change is saved with it.',
  'protection.signInContinue': 'Continue as {name}',
  'protection.signInNote': 'The sign-in is logged, so the audit log shows who worked when.',
  'protection.openingLegend': "How should Landa open on this computer?",
  'protection.openingAsk': "Ask for the passphrase every time",
  'protection.openingAskHint': "Safest on a laptop that goes to fairs or that others also use.",
  'protection.openingRemember': "Remember the key in the computer's keychain",
  'protection.openingRememberHint':
    "Landa opens without the passphrase while you are signed in to the computer. The passphrase is still needed for backups on another computer and if the keychain is emptied.",
  'protection.noKeychain':
    "The computer's keychain does not answer, so Landa asks for the passphrase every time it starts.",
  'protection.keychainNotSaved':
    "The computer's keychain could not store the key, so Landa asks for the passphrase at the next start. Try again under Data → Encryption and lock.",
  'protection.unlockKeychain': "Unlock with the computer's keychain",
  'protection.keychainRemembered':
    "The key is now in the computer's keychain. Landa opens without the passphrase on this computer.",
  'protection.keychainForgotten':
    "The key is removed from the computer's keychain. Landa asks for the passphrase at every start.",
  'protection.keychainLost':
    "The computer's keychain did not take the new key, so the old one was removed. Landa asks for the passphrase at the next start.",
  'protection.noKeychainHere':
    "The computer's keychain does not answer, so Landa cannot remember the key on this computer.",
  'protection.rememberLabel': "Remember the key in the computer's keychain",
  'protection.rememberHint':
    "Landa then opens without the passphrase while you are signed in to the computer, and the lock screen can be unlocked with the keychain. Anyone who can use your computer account can then open Landa too.",
};
