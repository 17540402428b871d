import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadMessages, messagesFor, resolveLocale, type SupportedLocale } from './locale.js';
import type { Messages } from './messages.js';

/**
 * Keeps an element's locale current: re-resolves when a `lang` attribute changes anywhere on the
 * element's ancestor path (in the document and in each shadow root it sits in) or when the
 * browser's language changes, and asks the element to re-render when the result differs.
 */
export class LocaleController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #locale: SupportedLocale = 'en';
  #observer: MutationObserver | undefined;
  readonly #onLanguageChange = () => this.#refresh();

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  get locale(): SupportedLocale {
    return this.#locale;
  }

  get messages(): Messages {
    return messagesFor(this.#locale);
  }

  /**
   * For the host's `scheduleUpdate()`: runs `update` at once, or after the strings of the locale
   * load (the first time a page needs Chinese), so the host never renders English in their place.
   */
  afterLoading(update: () => void | Promise<unknown>): void | Promise<unknown> {
    const loading = loadMessages(this.#locale);
    return loading ? loading.then(update) : update();
  }

  hostConnected(): void {
    this.#observer = new MutationObserver(() => this.#refresh());
    // A document-wide observer does not see into shadow roots, so watch each root on the way out.
    for (let root: Node | null = this.#host.getRootNode(); root; root = root instanceof ShadowRoot ? root.host.getRootNode() : null) {
      this.#observer.observe(root, { subtree: true, attributes: true, attributeFilter: ['lang'] });
    }
    window.addEventListener('languagechange', this.#onLanguageChange);
    this.#locale = resolveLocale(this.#host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    window.removeEventListener('languagechange', this.#onLanguageChange);
  }

  #refresh(): void {
    const locale = resolveLocale(this.#host);
    if (locale === this.#locale) return;
    this.#locale = locale;
    this.#host.requestUpdate();
  }
}
