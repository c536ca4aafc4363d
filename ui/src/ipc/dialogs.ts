// The system's own windows for choosing a file or a folder (the Tauri dialog plugin). They
// only give a path; reading the file is the backend's job. In a plain browser there is no
// such window and both answer null, as if the user had cancelled.
import { open } from '@tauri-apps/plugin-dialog';
import { hasBackend } from './runtime';

export interface FileFilter {
  /** What the files are called in the window's type list, e.g. "Kalkylark". */
  name: string;
  /** Extensions without the dot. */
  extensions: string[];
}

/** Lets the user choose one file; its full path, or null when cancelled. */
export async function chooseFile(options: {
  title?: string;
  filters?: FileFilter[];
  defaultPath?: string;
}): Promise<string | null> {
  if (!hasBackend()) return null;
  const picked = await open({ ...options, multiple: false, directory: false });
  return typeof picked === 'string' ? picked : null;
}

/** Lets the user choose one folder; its full path, or null when cancelled. */
export async function chooseFolder(options: { title?: string; defaultPath?: string }): Promise<string | null> {
  if (!hasBackend()) return null;
  const picked = await open({ ...options, multiple: false, directory: true });
  return typeof picked === 'string' ? picked : null;
}
