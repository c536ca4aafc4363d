import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Ipc from '$ipc';
import type { ApiError, ImportedDocument, RestoreOutcome, Result, SessionInfo } from '$ipc';
import { setLocale } from '$lib/i18n/index.svelte';

// Restoring on the first-start screen: `restoreBackup` answers what each test sets and
// records the paths it was asked for.
const backend = vi.hoisted(() => {
  const state: {
    asked: string[];
    passphrases: (string | null)[];
    answer: unknown;
    exports: string[];
    exportAnswer: unknown;
  } = {
    asked: [],
    passphrases: [],
    answer: null,
    exports: [],
    exportAnswer: null,
  };
  return state;
});

vi.mock('$ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof Ipc>();
  return {
    ...actual,
    commands: {
      ...actual.commands,
      restoreBackup: (path: string, passphrase: string | null) => {
        backend.asked.push(path);
        backend.passphrases.push(passphrase);
        return Promise.resolve(backend.answer);
      },
      startFromExport: (path: string) => {
        backend.exports.push(path);
        return Promise.resolve(backend.exportAnswer);
      },
    },
  };
});

const { default: OnboardingScreen } = await import('./OnboardingScreen.svelte');

const info: SessionInfo = {
  user: { id: 'u1', name: 'Karin' },
  users: [],
  database_path: '/home/karin/.local/share/landa/landa.db',
  is_empty: true,
  today: '2025-03-01',
};

const restored: Result<RestoreOutcome, ApiError> = {
  status: 'ok',
  data: {
    kept_aside: {
      file_name: 'landa-before-restore.db',
      path: '/home/karin/.local/share/landa/backups/landa-before-restore.db',
      kind: 'before_restore',
      made_at: '2025-03-01T10:00:00Z',
      size_bytes: '4096',
    },
    restored_from: '/media/usb/landa-2025-02-28.db',
  },
};

let target: HTMLElement;
let component: ReturnType<typeof mount> | undefined;
let reload: ReturnType<typeof vi.fn<() => void>>;

beforeEach(() => {
  setLocale('sv');
  backend.asked.length = 0;
  backend.passphrases.length = 0;
  backend.answer = null;
  backend.exports.length = 0;
  backend.exportAnswer = null;
  reload = vi.fn<() => void>();
  vi.spyOn(location, 'reload').mockImplementation(reload);
  target = document.createElement('div');
  document.body.append(target);
  component = mount(OnboardingScreen, { target, props: { info, onfinish: () => {} } });
  flushSync();
});

afterEach(() => {
  if (component) void unmount(component);
  component = undefined;
  target.remove();
});

const byTestId = <T extends HTMLElement>(testid: string) => {
  const element = document.querySelector<T>(`[data-testid="${testid}"]`);
  if (!element) throw new Error(`no ${testid}`);
  return element;
};

function typePath(path: string) {
  const input = byTestId<HTMLInputElement>('onboarding-restore-path');
  input.closest('details')?.setAttribute('open', '');
  input.value = path;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
  byTestId<HTMLButtonElement>('onboarding-restore-go').click();
  flushSync();
}

describe('restoring a backup on the first-start screen', () => {
  it('offers the third choice next to demo data and an empty start', () => {
    expect(byTestId('onboarding-restore').textContent).toContain('Återställ från en säkerhetskopia…');
    expect(byTestId('onboarding-demo')).toBeTruthy();
    expect(byTestId('onboarding-empty')).toBeTruthy();
  });

  it('restores a typed path only after the confirmation, then starts afresh', async () => {
    backend.answer = restored;
    typePath('  /media/usb/landa-2025-02-28.db ');
    expect(backend.asked, 'nothing restored before the confirmation').toEqual([]);
    const dialog = document.querySelector('dialog');
    expect(dialog?.open).toBe(true);
    expect(dialog?.textContent).toContain('/media/usb/landa-2025-02-28.db');
    expect(dialog?.textContent).toContain('tomma databasen');

    byTestId<HTMLButtonElement>('onboarding-restore-confirm').click();
    await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce());
    expect(backend.asked).toEqual(['/media/usb/landa-2025-02-28.db']);
  });

  it('shows the backend’s sentence in the dialog and does not reload', async () => {
    backend.answer = {
      status: 'error',
      error: { code: 'validation', message: 'not a backup', field: 'backup', kind: 'not_a_backup' },
    } satisfies Result<RestoreOutcome, ApiError>;
    typePath('/home/karin/Documents/notes.txt');
    byTestId<HTMLButtonElement>('onboarding-restore-confirm').click();

    await vi.waitFor(() => expect(document.querySelector('[data-testid="onboarding-restore-error"]')).not.toBeNull());
    const error = byTestId('onboarding-restore-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe('Filen är ingen säkerhetskopia av Landa.');
    expect(backend.asked).toEqual(['/home/karin/Documents/notes.txt']);
    expect(reload).not.toHaveBeenCalled();
    expect(document.querySelector('dialog')?.open, 'the dialog stays open to try another file').toBe(true);
  });
});

describe('a backup made under another passphrase', () => {
  it('asks for that passphrase in the same dialog and sends it with the next try', async () => {
    backend.answer = {
      status: 'error',
      error: { code: 'wrong_passphrase', message: 'wrong key', field: null },
    } satisfies Result<RestoreOutcome, ApiError>;
    typePath('/media/usb/gamla-datorn.db');
    expect(document.querySelector('[data-testid="restore-passphrase"]'), 'not asked before it is needed').toBeNull();
    byTestId<HTMLButtonElement>('onboarding-restore-confirm').click();
    await vi.waitFor(() => expect(document.querySelector('[data-testid="restore-passphrase"]')).not.toBeNull());
    expect(document.querySelector('dialog')?.textContent, 'the hint says why').toContain('gamla datorns');
    expect(document.querySelector('[data-testid="onboarding-restore-error"]'), 'no error for an untyped passphrase').toBeNull();

    backend.answer = restored;
    const field = byTestId<HTMLInputElement>('restore-passphrase');
    field.value = 'gamla datorns fras';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    byTestId<HTMLButtonElement>('onboarding-restore-confirm').click();
    await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce());
    expect(backend.passphrases, 'first with this database’s key, then with the typed one').toEqual([
      null,
      'gamla datorns fras',
    ]);
  });
});

describe('starting from a JSON export on the first-start screen', () => {
  it('offers it beside the backup, in the same quiet choice', () => {
    expect(byTestId('onboarding-export').textContent).toContain('Läs in en JSON-export…');
  });

  it('reads a typed .json path as an export after its own confirmation, then starts afresh', async () => {
    backend.exportAnswer = {
      status: 'ok',
      data: { rows: { households: 150, organisations: 12, persons: 400 } },
    } satisfies Result<ImportedDocument, ApiError>;
    typePath('/media/usb/landa-export.JSON');
    const dialog = document.querySelector('dialog');
    expect(dialog?.textContent).toContain('Läsa in exporten?');
    expect(dialog?.textContent).toContain('/media/usb/landa-export.JSON');
    expect(byTestId('onboarding-restore-confirm').textContent).toContain('Läs in');
    expect(backend.exports, 'nothing read before the confirmation').toEqual([]);

    byTestId<HTMLButtonElement>('onboarding-restore-confirm').click();
    await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce());
    expect(backend.exports).toEqual(['/media/usb/landa-export.JSON']);
    expect(backend.asked, 'an export is never restored as a backup').toEqual([]);
  });

  it('says why a file is refused and changes nothing', async () => {
    backend.exportAnswer = {
      status: 'error',
      error: { code: 'validation', message: 'not an export', field: 'document', kind: 'not_an_export' },
    } satisfies Result<ImportedDocument, ApiError>;
    typePath('/home/karin/lista.json');
    byTestId<HTMLButtonElement>('onboarding-restore-confirm').click();
    await vi.waitFor(() => expect(document.querySelector('[data-testid="onboarding-restore-error"]')).not.toBeNull());
    expect(byTestId('onboarding-restore-error').textContent).toBe('Filen är ingen hel export från Landa.');
    expect(reload).not.toHaveBeenCalled();
  });
});
