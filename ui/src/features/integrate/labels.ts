// Labels for the vocabularies of check-ins, typed against the generated bindings so a new
// reason in Rust without a label is a type error here.
import type { CheckInOutcome, MovedAwayReason } from '$ipc';
import { t } from '$lib/i18n/index.svelte';

export const movedAwayReasonLabel = (r: MovedAwayReason): string => t(`checkIn.reason.${r}`);
export const outcomeLabel = (o: CheckInOutcome): string => t(`checkIn.outcome.${o}`);
