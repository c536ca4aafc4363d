// What a household form shows for a failed command: a sentence for the form, and the
// sentence for the one input the backend named, if any.
import { errorMessage, toApiFailure, unwrap } from '$ipc';
import { validationLabel } from '$lib/vocab';

/** Awaits a command and returns its data, or throws an `ApiFailure` (with `field`/`kind`). */
export async function call<T>(pending: Promise<Parameters<typeof unwrap<T>>[0]>): Promise<T> {
  return unwrap(await pending);
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
  const kind = failure.kind;
  const field = failure.field;
  return {
    message: errorMessage(failure),
    field,
    fieldMessage: field === null ? null : kind ? validationLabel(kind) : errorMessage(failure),
  };
}
