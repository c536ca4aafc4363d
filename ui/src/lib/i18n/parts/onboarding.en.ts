import type { onboardingSv } from './onboarding.sv';

export const onboardingEn: { readonly [K in keyof typeof onboardingSv]: string } = {};
