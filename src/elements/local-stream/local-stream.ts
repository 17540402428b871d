import { html, LitElement, type PropertyDeclarations } from 'lit';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { LocalView } from '../../room/types.js';
import { micMutedIcon } from '../shared/indicators.js';
import { StreamViewController } from '../shared/stream-view-controller.js';
import { localStreamStyles } from './local-stream.styles.js';

export type MirrorMode = 'auto' | 'true' | 'false';

/**
 * The local camera preview while this user previews camera and mic or is on stage as a
 * co-anchor. Otherwise it shows nothing and never opens the camera: the room opens it.
 *
 * @tagname trtc-local-stream
 * @summary Your own camera preview while you are live.
 *
 * @attr {boolean} active - Set by the element, not by you: present while the preview is showing.
 * @attr {boolean} audio-muted - Set by the element, not by you: present while your microphone is muted.
 * @attr {boolean} video-muted - Set by the element, not by you: present while your camera is off.
 * @attr {string} lang - Language of the element's text (`en` or `zh-CN`); default: the nearest `lang` around it, then the browser's.
 *
 * @csspart base - The tile around the preview.
 * @csspart video - The box the preview is played into.
 * @csspart name - The "You" label over the preview.
 * @csspart camera-off - Shown instead of the picture while your camera is off.
 * @csspart mic-muted - The badge shown while your microphone is muted.
 *
 * @cssprop [--trtc-tile-background=#111827] - Background of the tile.
 * @cssprop [--trtc-tile-radius=12px] - Corner radius of the tile.
 * @cssprop [--trtc-tile-shadow=0 1px 3px rgb(0 0 0 / 0.35)] - Shadow of the tile.
 * @cssprop [--trtc-tile-aspect-ratio=16 / 9] - Shape of the tile.
 * @cssprop [--trtc-local-outline-color=var(--trtc-accent, #0052d9)] - Outline marking your own tile.
 * @cssprop [--trtc-accent=#0052d9] - The outline's color when `--trtc-local-outline-color` is not set.
 * @cssprop [--trtc-badge-background=#c9353f] - Background of the muted-microphone badge.
 * @cssprop [--trtc-tile-muted-text-color=#d1d5db] - Text of the camera-off placeholder.
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

  protected override updated(): void {
    const local = this.#view.room.state?.localStream;
    this.toggleAttribute('audio-muted', local?.audioMuted === true);
    this.toggleAttribute('video-muted', local?.videoMuted === true);
  }

  protected override render() {
    const messages = this.#locale.messages;
    const local = this.#view.room.state?.localStream;
    const cameraOff = local ? !local.hasVideo || local.videoMuted : false;
    return html`
      <div part="base" class="base" role="group" aria-label=${messages.local.preview}>
        <div part="video" class="video"></div>
        <div part="camera-off" class="camera-off" ?hidden=${!cameraOff}>${messages.onStage.yourCameraOff}</div>
        <span part="name" class="name" aria-hidden="true">${messages.local.you}</span>
        <span part="mic-muted" class="mic-muted" role="img" aria-label=${messages.onStage.micMuted} ?hidden=${!local?.audioMuted}>${micMutedIcon}</span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trtc-local-stream': TrtcLocalStreamElement;
  }
}
