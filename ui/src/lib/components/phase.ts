// Each TAM phase has one colour across the app (badges, board bands, dashboard).
import type { Phase } from '$ipc';
import type { BadgeTone } from './types';

export const PHASE_TONE: Readonly<Record<Phase, BadgeTone>> = {
  attract: 'attract',
  welcome: 'welcome',
  integrate: 'integrate',
  strengthened_brand: 'brand',
  closed: 'closed',
};
