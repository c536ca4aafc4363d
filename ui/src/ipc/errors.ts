// The UI's side of the error contract. The backend returns `{ code, message, field }`;
// the UI branches on `code` only. `message` is a developer text (English, no personal
// data) for logs and devtools, never shown to users.
import { hasMessage, t } from '$lib/i18n/index.svelte';
import type { ValidationKind } from './bindings';

/** Codes the backend is known to send. Unknown codes still work: they get the generic text. */
export const ERROR_CODES = [
  'not_found',
  'validation',
  'invalid_stage_transition',
  'reason_required',
  'no_user',
  'database_newer',
  'storage_full',
  'storage',
  'internal',
  'kiosk_active',
  'wrong_pin',
  'pin_blocked',
  'file_write',
  'file_read',
  'wrong_passphrase',
  'locked',
  'keychain_unavailable',
  'keychain_not_remembered',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Shape of the error in the generated bindings (tauri-specta `ApiError`). */
export interface ApiError {
  code: string;
  message: string;
  field: string | null;
  kind?: ValidationKind | null;
}

/** Shape of every generated command's return value (tauri-specta `Result`). */
export type Result<T, E = ApiError> = { status: 'ok'; data: T } | { status: 'error'; error: E };

export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  readonly code: string;
  /** The input field the error is about, for forms to place the message next to it. */
  readonly field: string | null;
  /** For validation errors: what is wrong with `field` (e.g. `impossible_birth_year`). */
  readonly kind: ValidationKind | null;

  constructor(error: { code: string; message?: string; field?: string | null; kind?: ValidationKind | null }) {
    super(error.message ?? error.code);
    this.code = error.code;
    this.field = error.field ?? null;
    this.kind = error.kind ?? null;
  }

  is(code: ErrorCode): boolean {
    return this.code === code;
  }
}

/** The translated sentence for an error, in the current locale. */
export function errorMessage(err: { code: string; field?: string | null }): string {
  const key = `error.${err.code}`;
  return hasMessage(key) ? t(key as `error.${ErrorCode}`) : t('error.generic');
}

/** Returns the data of a successful command, or throws an `ApiFailure`. */
export function unwrap<T>(
  result: Result<T, { code: string; message?: string; field?: string | null; kind?: ValidationKind | null }>,
): T {
  if (result.status === 'ok') return result.data;
  throw new ApiFailure(result.error);
}

/**
 * Turns anything caught around an IPC call into an `ApiFailure`. Generated commands
 * re-throw transport failures (a missing command, a panic) instead of returning them;
 * those become `internal`.
 */
export function toApiFailure(caught: unknown): ApiFailure {
  if (caught instanceof ApiFailure) return caught;
  if (isApiErrorLike(caught)) return new ApiFailure(caught);
  const message = caught instanceof Error ? caught.message : String(caught);
  return new ApiFailure({ code: 'internal', message, field: null });
}

function isApiErrorLike(value: unknown): value is { code: string; message?: string; field?: string | null } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
