// Labels and tones for the two job vocabularies, typed against the generated bindings so a new
// status in Rust without a label is a type error here.
import type { OpeningStatus, ReferralStatus } from '$ipc';
import type { BadgeTone } from '$lib/components/types';
import { t } from '$lib/i18n/index.svelte';

/** In the order a referral usually moves; the last two are the outcomes. */
export const REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'suggested',
  'cv_sent',
  'interview',
  'offer',
  'hired',
  'not_hired',
];

export const OPENING_STATUSES: readonly OpeningStatus[] = ['open', 'filled', 'closed'];

export const referralStatusLabel = (s: ReferralStatus): string => t(`referral.status.${s}`);
export const openingStatusLabel = (s: OpeningStatus): string => t(`opening.status.${s}`);

export const REFERRAL_TONE: Readonly<Record<ReferralStatus, BadgeTone>> = {
  suggested: 'neutral',
  cv_sent: 'attract',
  interview: 'attract',
  offer: 'welcome',
  hired: 'integrate',
  not_hired: 'closed',
};

export const OPENING_TONE: Readonly<Record<OpeningStatus, BadgeTone>> = {
  open: 'accent',
  filled: 'integrate',
  closed: 'closed',
};
