import type { searchSv } from './search.sv';

export const searchEn: { readonly [K in keyof typeof searchSv]: string } = {
  'search.resultsLabel': 'Search results',
  'search.kind.household': 'Households',
  'search.kind.person': 'People',
  'search.kind.organisation': 'Organisations',
  'search.kind.contact_person': 'Contact persons',
  'search.noResults': 'No results for “{query}”.',
  'search.noResultsHint': 'Search by name, email, phone, profession or place. The start of a word is enough.',
  'search.count': '{count} results',
  'search.countOne': '1 result',
  'search.hintOpen': 'open',
  'search.hintAll': 'all results',
  'search.hintMove': 'move',
  'search.hintClose': 'close',
  'search.pageDescription': 'Households, people, organisations and contact persons that match.',
  'search.opensHousehold': 'Opens the household',
  'search.opensOrganisation': 'Opens the organisation',
} as const;
