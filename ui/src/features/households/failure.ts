// `unwrap` from $ipc keeps `code` and `field` but drops `kind`, which forms need to say
// *what* is wrong with a field. This keeps it, and stays an `ApiFailure`, so
// `toApiFailure` and `errorMessage` treat it like any other failure.
import { ApiFailure, errorMessage, toApiFailure, type ValidationKind } from '$ipc';
import { validationLabel } from '$lib/vocab';

interface WireError {
  code: string;
  message: string;
  field: string | null;
  kind?: ValidationKind | null;
}

export class FieldFailure extends ApiFailure {
  readonly kind: ValidationKind | null;

  constructor(error: WireError) {
    super(error);
    this.kind = error.kind ?? null;
  }
}

export async function call<T>(
  pending: Promise<{ status: 'ok'; data: T } | { status: 'error'; error: WireError }>,
): Promise<T> {
  const result = await pending;
  if (result.status === 'ok') return result.data;
  throw new FieldFailure(result.error);
}

export interface FailureView {
  /** Sentence for the top of the form or a toast. */
  message: string;
  /** Server field path, when the error is about one input. */
  field: string | null;
  /** Sentence to put next to that input. */
  fieldMessage: string | null;
}

/** What to show for anything caught around a command. */
export function describeFailure(caught: unknown): FailureView {
  const failure = toApiFailure(caught);
  const kind = failure instanceof FieldFailure ? failure.kind : null;
  const field = failure.field;
  return {
    message: errorMessage(failure),
    field,
    fieldMessage: field === null ? null : kind ? validationLabel(kind) : errorMessage(failure),
  };
}
