import { html, LitElement, type PropertyDeclarations } from 'lit';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { LocalView } from '../../room/types.js';
import { StreamViewController } from '../shared/stream-view-controller.js';
import { localStreamStyles } from './local-stream.styles.js';

export type MirrorMode = 'auto' | 'true' | 'false';

/**
 * The local camera preview while this user is on stage as a co-anchor. Off stage it shows
 * nothing and never opens the camera: the room opens it when going live.
 *
 * @tagname trtc-local-stream
 * @summary Your own camera preview while you are live.
 *
 * @attr {boolean} active - Set by the element, not by you: present while the preview is showing.
 * @attr {string} lang - Language of the element's text (`en` or `zh-CN`); default: the nearest `lang` around it, then the browser's.
 *
 * @csspart base - The tile around the preview.
 * @csspart video - The box the preview is played into.
 * @csspart name - The "You" label over the preview.
 *
 * @cssprop [--trtc-tile-background=#111827] - Background of the tile.
 * @cssprop [--trtc-tile-radius=12px] - Corner radius of the tile.
 * @cssprop [--trtc-tile-shadow=0 1px 3px rgb(0 0 0 / 0.35)] - Shadow of the tile.
 * @cssprop [--trtc-tile-aspect-ratio=16 / 9] - Shape of the tile.
 * @cssprop [--trtc-local-outline-color=var(--trtc-accent, #0052d9)] - Outline marking your own tile.
 * @cssprop [--trtc-accent=#0052d9] - The outline's color when `--trtc-local-outline-color` is not set.
 * @cssprop --trtc-font - Font shorthand for all text.
 */
export class TrtcLocalStreamElement extends LitElement {
  static override styles = localStreamStyles;

  static override properties: PropertyDeclarations = {
    mirror: {},
    room: {},
  };

  static {
    // The view is attached once the video div is rendered, and the room answers at once with what
    // to show: a second render right after the first is the design, not an accident.
    this.disableWarning?.('change-in-update');
  }

  /**
   * Mirror the preview: `auto` (default) and `true` mirror it, the way people expect to see
   * themselves in a front camera; `false` shows it as the audience sees it. What the audience
   * receives is never mirrored.
   */
  mirror: MirrorMode = 'auto';

  /** The id of the `<trtc-live-room>` whose preview to show; default: the nearest ancestor room. */
  room: string | null = null;

  readonly #locale = new LocaleController(this);
  readonly #view = new StreamViewController<LocalView, boolean>(this, {
    settings: () => ({ mirror: this.mirror !== 'false' }),
    attach: (controller, view) => controller.attachLocalView(view),
    none: false,
    onShow: (playing) => this.toggleAttribute('active', playing),
  });

  /** Whether the preview is showing (reflected as `active`). */
  get active(): boolean {
    return this.#view.shown;
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#locale.afterLoading(() => super.scheduleUpdate());
  }

  protected override render() {
    const messages = this.#locale.messages;
    return html`
      <div part="base" class="base" role="group" aria-label=${messages.local.preview}>
        <div part="video" class="video"></div>
        <span part="name" class="name" aria-hidden="true">${messages.local.you}</span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trtc-local-stream': TrtcLocalStreamElement;
  }
}
