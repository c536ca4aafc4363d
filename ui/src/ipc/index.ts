// The public face of the IPC layer. Features import from `$ipc`, never from `./bindings`
// or `@tauri-apps/*`: this folder is the only code that knows there is a Tauri backend.
export { ApiFailure, ERROR_CODES, errorMessage, toApiFailure, unwrap } from './errors';
export type { ApiError, ErrorCode, Result } from './errors';
export { hasBackend } from './runtime';
export { commands } from './bindings';
export type * from './bindings';
export { onDataChanged } from './events';
export { chooseFile, chooseFolder } from './dialogs';
export type { FileFilter } from './dialogs';
