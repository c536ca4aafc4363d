// Labels and badge tones for the host and matching vocabularies. Typed against the generated
// bindings through the message keys: a new code in Rust without a label is a type error here.
import type {
  Block,
  Criterion,
  HostRole,
  HostStatus,
  LifeStage,
  MatchOutcome,
  MatchStatus,
} from '$ipc';
import type { BadgeTone } from '$lib/components/types';
import { locale, t } from '$lib/i18n/index.svelte';

export const LIFE_STAGES: readonly LifeStage[] = ['single', 'couple', 'family', 'senior'];
export const HOST_ROLES: readonly HostRole[] = ['career', 'culture'];
export const HOST_STATUSES: readonly HostStatus[] = ['active', 'paused', 'retired'];
export const MATCH_STATUSES: readonly MatchStatus[] = ['proposed', 'accepted', 'active', 'ended'];
export const MATCH_OUTCOMES: readonly MatchOutcome[] = ['completed', 'ended_early', 'never_started'];
/** In the order the backend lists a score's explanation. */
export const CRITERIA: readonly Criterion[] = [
  'municipality',
  'language',
  'life_stage',
  'children_ages',
  'profession',
  'interests',
];

export const lifeStageLabel = (s: LifeStage): string => t(`hosts.lifeStage.${s}`);
export const hostRoleLabel = (r: HostRole): string => t(`hosts.role.${r}`);
export const hostStatusLabel = (s: HostStatus): string => t(`hosts.status.${s}`);
export const matchStatusLabel = (s: MatchStatus): string => t(`match.status.${s}`);
export const matchOutcomeLabel = (o: MatchOutcome): string => t(`match.outcome.${o}`);
export const criterionLabel = (c: Criterion): string => t(`match.criterion.${c}`);

/** A life stage as it reads inside a sentence ("barnfamilj", "a family"). */
export function lifeStageInSentence(code: string): string {
  const known = (LIFE_STAGES as readonly string[]).includes(code);
  return known ? t(`match.lifeStageInSentence.${code as LifeStage}`) : code;
}

export const HOST_STATUS_TONE: Readonly<Record<HostStatus, BadgeTone>> = {
  active: 'integrate',
  paused: 'welcome',
  retired: 'closed',
};

export const MATCH_STATUS_TONE: Readonly<Record<MatchStatus, BadgeTone>> = {
  proposed: 'attract',
  accepted: 'welcome',
  active: 'integrate',
  ended: 'closed',
};

/** Why a host cannot take this household, as a sentence. */
export function blockSentence(block: Block, host?: { status: HostStatus; load: number; capacity: number }): string {
  switch (block) {
    case 'host_not_active':
      return host
        ? t('match.block.host_not_active_status', { status: hostStatusLabel(host.status).toLocaleLowerCase(locale.intlTag) })
        : t('match.block.host_not_active');
    case 'host_full':
      return host ? t('match.block.host_full_count', { load: host.load, capacity: host.capacity }) : t('match.block.host_full');
    case 'host_not_trained':
      return t('match.block.host_not_trained');
    case 'no_host_consent':
      return t('match.block.no_host_consent');
    case 'already_matched':
      return t('match.block.already_matched');
  }
}

/** What the coordinator can do about a block on the household. */
export function blockFix(block: Block): string {
  switch (block) {
    case 'no_host_consent':
      return t('match.fix.no_host_consent', { purpose: t('purpose.share_with_hosts') });
    case 'already_matched':
      return t('match.fix.already_matched');
    case 'host_not_trained':
      return t('match.fix.host_not_trained');
    case 'host_full':
    case 'host_not_active':
      return t('match.fix.host_unavailable');
  }
}

/** "2 av 3" places used. */
export function placesText(load: number, capacity: number): string {
  return t('hosts.places', { load, capacity });
}

/** A list of words joined the way the language does it: "svenska och arabiska". */
export function formatList(items: readonly string[]): string {
  if (items.length === 0) return '';
  try {
    return new Intl.ListFormat(locale.intlTag, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
