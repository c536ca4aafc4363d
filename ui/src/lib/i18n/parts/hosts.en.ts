import type { hostsSv } from './hosts.sv';

export const hostsEn: { readonly [K in keyof typeof hostsSv]: string } = {
  'hosts.title': 'Hosts',
  'hosts.detail.title': 'Host',
  'matching.title': 'Matching',
};
