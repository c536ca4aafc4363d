import { isTauri } from '@tauri-apps/api/core';

/**
 * False when the UI runs in a plain browser (`npm run dev` without `tauri dev`), where no
 * command can be called. The shell shows a notice instead of failing on every request.
 */
export function hasBackend(): boolean {
  return isTauri();
}
