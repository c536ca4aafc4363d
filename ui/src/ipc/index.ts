// The public face of the IPC layer. Features import from `$ipc`, never from `./bindings`.
export { ApiFailure, ERROR_CODES, errorMessage, toApiFailure, unwrap } from './errors';
export type { ApiError, ErrorCode, Result } from './errors';
export { hasBackend } from './runtime';
