// Translated labels for the backend's vocabularies, typed against the generated bindings so
// a new code in Rust that has no label is a type error here.
import type {
  ConsentMethod,
  ConsentStatus,
  ContactRole,
  EventKind,
  FourT,
  InteractionKind,
  LawfulBasis,
  LinkPurpose,
  LinkStatus,
  MemberRole,
  OrgKind,
  Phase,
  Purpose,
  Stage,
  TimeFrame,
  ValidationKind,
} from '$ipc';
import { t } from './i18n/index.svelte';

export const STAGES: readonly Stage[] = [
  'lead_captured',
  'contacted',
  'engaged',
  'visit',
  'decided',
  'moving',
  'arrived',
  'registered',
  'host_matched',
  'settling_in',
  'six_month_check_in',
  'retained',
  'ambassador',
  'not_moving',
  'moved_away',
];

export const OPEN_PHASES: readonly Phase[] = ['attract', 'welcome', 'integrate', 'strengthened_brand'];

const PHASE_OF: Record<Stage, Phase> = {
  lead_captured: 'attract',
  contacted: 'attract',
  engaged: 'attract',
  visit: 'attract',
  decided: 'attract',
  moving: 'welcome',
  arrived: 'welcome',
  registered: 'welcome',
  host_matched: 'integrate',
  settling_in: 'integrate',
  six_month_check_in: 'integrate',
  retained: 'integrate',
  ambassador: 'strengthened_brand',
  not_moving: 'closed',
  moved_away: 'closed',
};

export function phaseOf(stage: Stage): Phase {
  return PHASE_OF[stage];
}

export function stagesOf(phase: Phase): Stage[] {
  return STAGES.filter((s) => PHASE_OF[s] === phase);
}

export const EVENT_KINDS: readonly EventKind[] = [
  'fair',
  'campaign',
  'newcomer_network',
  'host_training',
  'seminar',
  'study_visit',
  'experience_exchange',
  'other',
];
export const FOUR_TS: readonly FourT[] = ['talent', 'tolerance', 'technology', 'territorial_assets'];
export const TIME_FRAMES: readonly TimeFrame[] = [
  'within_6_months',
  'within_1_year',
  'within_2_years',
  'later',
  'unsure',
];

export const stageLabel = (s: Stage): string => t(`stage.${s}`);
export const phaseLabel = (p: Phase): string =>
  p === 'strengthened_brand' ? t('phase.strengthened_brand') : t(`phase.${p}`);
export const interactionLabel = (k: InteractionKind): string => t(`interaction.${k}`);
export const orgKindLabel = (k: OrgKind): string => t(`orgKind.${k}`);
export const contactRoleLabel = (r: ContactRole): string => t(`contactRole.${r}`);
export const linkPurposeLabel = (p: LinkPurpose): string => t(`linkPurpose.${p}`);
export const linkStatusLabel = (s: LinkStatus): string => t(`linkStatus.${s}`);
export const purposeLabel = (p: Purpose): string => t(`purpose.${p}`);
export const basisLabel = (b: LawfulBasis): string => t(`basis.${b}`);
export const consentStatusLabel = (s: ConsentStatus): string => t(`consentStatus.${s}`);
export const consentMethodLabel = (m: ConsentMethod): string => t(`consentMethod.${m}`);
export const memberRoleLabel = (r: MemberRole): string => t(`memberRole.${r}`);
export const eventKindLabel = (k: EventKind): string => t(`eventKind.${k}`);
export const fourTLabel = (f: FourT): string => t(`fourT.${f}`);
export const timeFrameLabel = (f: TimeFrame): string => t(`timeFrame.${f}`);
export const validationLabel = (k: ValidationKind): string => t(`validation.${k}`);
