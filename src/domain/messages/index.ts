/**
 * The message catalogues and the one chosen for this execution. The adapter sets the locale from
 * Session.getActiveUserLocale() when it builds the ports (src/adapters/ports.ts), before any use case runs; pure code
 * reads the catalogue with `words()`. Apps Script starts every execution (menu click, trigger, sidebar call) from a
 * fresh global scope, so the choice never leaks from one person to another.
 */

import { en, type Messages } from './en';
import { zhTW } from './zh-TW';

export type { Messages } from './en';

export const CATALOGUES: Readonly<Record<'en' | 'zh-TW', Messages>> = { en, 'zh-TW': zhTW };

export type Language = keyof typeof CATALOGUES;

/** zh_TW, zh-TW, zh-Hant and zh_HK read Traditional Chinese; everything else (and '') falls back to English. */
export function languageOf(locale: string): Language {
  return /^zh[-_](tw|hk|mo|hant)/i.test(locale.trim()) ? 'zh-TW' : 'en';
}

export function messagesFor(locale: string): Messages {
  return CATALOGUES[languageOf(locale)];
}

let active: Messages = en;
let activeLanguage: Language = 'en';

export function useLocale(locale: string): Messages {
  activeLanguage = languageOf(locale);
  active = CATALOGUES[activeLanguage];
  return active;
}

export function language(): Language {
  return activeLanguage;
}

export function words(): Messages {
  return active;
}
