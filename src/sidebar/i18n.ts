/**
 * The sidebar's words: the catalogue of the person's language (the server says which; until then the browser's
 * language is the best guess), and the page's static texts filled from it.
 */

import { CATALOGUES, type Language, languageOf, type Messages } from '../domain/messages';

type SidebarWords = Messages['sidebar'];
type TextKey = { [K in keyof SidebarWords]: SidebarWords[K] extends string ? K : never }[keyof SidebarWords];

let current: SidebarWords = CATALOGUES[languageOf(navigator.language.replace('-', '_'))].sidebar;

/** The sidebar section of the catalogue in use now. */
export const t = (): SidebarWords => current;

/** Fills every element marked with a catalogue key (text, placeholder, accessible name). */
export function translatePage(language: Language): void {
  current = CATALOGUES[language].sidebar;
  document.documentElement.lang = language;
  const text = (key: string | undefined) =>
    key && typeof current[key as TextKey] === 'string' ? current[key as TextKey] : '';
  for (const el of document.querySelectorAll<HTMLElement>('[data-msg]')) el.textContent = text(el.dataset.msg);
  for (const el of document.querySelectorAll<HTMLInputElement>('[data-msg-placeholder]'))
    el.placeholder = text(el.dataset.msgPlaceholder);
  for (const el of document.querySelectorAll<HTMLElement>('[data-msg-label]'))
    el.setAttribute('aria-label', text(el.dataset.msgLabel));
}

translatePage(languageOf(navigator.language.replace('-', '_')));
