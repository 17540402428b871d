import type { LiveRoomErrorDetail } from '../room/types.js';
import { en, ENTRY_STRINGS, type Messages } from './messages.js';

export type SupportedLocale = 'en' | 'zh-CN';

const loaded: Partial<Record<SupportedLocale, Messages>> = { en };
let loadingChinese: Promise<void> | undefined;

/** Maps any BCP 47 tag to a locale we have strings for; every Chinese variant reads zh-CN, the rest English. */
export function matchLocale(tag: string): SupportedLocale {
  return tag.trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The parent element, stepping out of a shadow root to its host. */
export function composedParent(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/**
 * The language `element` is shown in: its own or its nearest ancestor's `lang` (crossing shadow
 * roots to their hosts, up to `<html lang>`), else the browser's language.
 */
export function languageOf(element: Element): string {
  for (let node: Element | null = element; node; node = composedParent(node)) {
    // lang="" means "unknown": keep looking further out.
    const lang = node.getAttribute('lang')?.trim();
    if (lang) return lang;
  }
  return navigator.language || 'en';
}

export function resolveLocale(element: Element): SupportedLocale {
  return matchLocale(languageOf(element));
}

/** `locale`'s strings once they are loaded; English until then (and if they cannot be). */
export function messagesFor(locale: SupportedLocale): Messages {
  return loaded[locale] ?? en;
}

/**
 * Pending while `locale`'s strings load; nothing once they are in. Only English ships in the entry:
 * the Chinese strings are a module of their own, fetched the first time a page needs them.
 */
export function loadMessages(locale: SupportedLocale): Promise<void> | undefined {
  if (loaded[locale]) return undefined;
  return (loadingChinese ??= import('./zh-cn.js').then(
    (module) => {
      loaded['zh-CN'] = module.zhCN;
    },
    () => {
      // Unreachable (offline, a blocked CDN): the page stays in English rather than waiting.
      loaded['zh-CN'] = en;
    },
  ));
}

/** The name a page shows for a file of the kit: its path on the site, without the origin. */
function fileName(file: string): string {
  try {
    return new URL(file).pathname;
  } catch {
    return file;
  }
}

/**
 * The sentence shown on the page for an error: from its code (and field, file or the credentials
 * server's own message), never from its English message. A file that failed to load is named in
 * `locale` even when that locale's strings were among the files that failed.
 */
export function describeError(messages: Messages, error: LiveRoomErrorDetail, locale: SupportedLocale): string {
  if (error.code === 'invalid-config' && error.field) return messages.invalidField[error.field];
  if (error.code === 'chunk-load-failed') return error.file ? ENTRY_STRINGS[locale].named(fileName(error.file)) : ENTRY_STRINGS[locale].unnamed;
  const sentence = messages.errors[error.code] ?? messages.status.failed;
  return error.serverMessage ? `${sentence} ${messages.serverSaid(error.serverMessage)}` : sentence;
}
