// Turns a failed command into what a form shows: a sentence next to the field the backend
// named, or one sentence for the whole form, from a command result's error or a thrown
// `ApiFailure` (both carry `code`, `field` and the validation `kind`).
import { errorMessage, toApiFailure, type ValidationKind } from '$ipc';
import { validationLabel } from './vocab';

export interface FormError {
  /** The input the message belongs to, as the backend names it (`email`, `due_on`…). */
  field: string | null;
  message: string;
}

/** The error of a command result (the generated `ApiError`, which carries `kind`). */
export interface CommandError {
  code: string;
  field: string | null;
  kind?: ValidationKind | null;
}

export function formError(error: CommandError): FormError {
  if (error.code === 'validation' && error.kind !== undefined && error.kind !== null && error.field !== null) {
    return { field: error.field, message: validationLabel(error.kind) };
  }
  return { field: null, message: errorMessage(error) };
}

/** For anything thrown around a command (transport failures): a form-level sentence. */
export function thrownFormError(caught: unknown): FormError {
  // An `ApiFailure` keeps the field and the validation kind, so it places its message too.
  return formError(toApiFailure(caught));
}

/** The message for `field`, if the error is about it. */
export function errorFor(error: FormError | null, field: string): string | null {
  return error !== null && error.field === field ? error.message : null;
}

/** The message to show above the form: only when no field carries it. */
export function formLevel(error: FormError | null, fields: readonly string[]): string | null {
  if (error === null) return null;
  return error.field !== null && fields.includes(error.field) ? null : error.message;
}
