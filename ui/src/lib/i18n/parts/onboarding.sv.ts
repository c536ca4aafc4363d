// Swedish messages of the onboarding feature; keys start with 'onboarding.'. Spread into ../sv.ts.
export const onboardingSv = {} as const;
