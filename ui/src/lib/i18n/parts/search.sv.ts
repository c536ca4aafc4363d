// Swedish messages of the search feature; keys start with 'search.'. Spread into ../sv.ts.
export const searchSv = {
  'search.resultsLabel': 'Sökträffar',
  'search.kind.household': 'Hushåll',
  'search.kind.person': 'Personer',
  'search.kind.organisation': 'Organisationer',
  'search.kind.contact_person': 'Kontaktpersoner',
  'search.noResults': 'Inga träffar för ”{query}”.',
  'search.noResultsHint': 'Sök på namn, e-post, telefon, yrke eller ort. Det räcker med början av ett ord.',
  'search.count': '{count} träffar',
  'search.countOne': '1 träff',
  'search.hintOpen': 'öppna',
  'search.hintAll': 'alla träffar',
  'search.hintMove': 'välj',
  'search.hintClose': 'stäng',
  'search.pageDescription': 'Hushåll, personer, organisationer och kontaktpersoner som matchar.',
  'search.opensHousehold': 'Öppnar hushållet',
  'search.opensOrganisation': 'Öppnar organisationen',
} as const;
