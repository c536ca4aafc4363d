// Messages in a language chosen by the screen rather than the app: the kiosk's SV/EN switch
// belongs to the visitor and must not change the staff's remembered language.
import { dictionaries, interpolate, type Locale, type MessageKey } from '$lib/i18n/index.svelte';

export function textIn(
  language: Locale,
  key: MessageKey,
  params?: Readonly<Record<string, string | number>>,
): string {
  return interpolate(dictionaries[language][key], params);
}
