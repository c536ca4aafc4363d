// Translated labels for the backend's vocabularies, typed against the generated bindings so
// a new code in Rust that has no label is a type error here.
import type {
  ConsentMethod,
  ConsentStatus,
  ContactRole,
  InteractionKind,
  LawfulBasis,
  LinkPurpose,
  LinkStatus,
  MemberRole,
  OrgKind,
  Phase,
  Purpose,
  Stage,
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
export const validationLabel = (k: ValidationKind): string => t(`validation.${k}`);
