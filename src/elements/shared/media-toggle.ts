import { html, LitElement, nothing, svg, type PropertyDeclarations } from 'lit';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { LiveRoomState } from '../../room/types.js';
import { RoomLink } from './room-link.js';
import { mediaToggleStyles } from './media-toggle.styles.js';

/** Which half of the local stream a toggle mutes. */
export type MediaToggleKind = 'audio' | 'video';

const ICONS = {
  audio: svg`<rect x="9" y="2" width="6" height="12" rx="3"></rect><path d="M5 10v1a7 7 0 0 0 14 0v-1M12 18v4M8 22h8"></path>`,
  video: svg`<rect x="3" y="6" width="12" height="12" rx="2"></rect><path d="m15 10 6-3v10l-6-3"></path>`,
};

/**
 * The shared workings of `<trtc-mic-toggle>` and `<trtc-camera-toggle>`: a native button that
 * mutes or unmutes one half of the local stream while previewing or live, pressed while muted,
 * labelled with what a press does; marked disabled (still focusable) with a visible reason when
 * there is nothing to mute.
 */
export abstract class MediaToggleElement extends LitElement {
  static override styles = mediaToggleStyles;

  static override properties: PropertyDeclarations = {
    room: {},
  };

  /** @internal LitElement's setting, not this element's API: focusing the host focuses the button. */
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The id of the `<trtc-live-room>` to act on; default: the nearest ancestor room. */
  room: string | null = null;

  protected abstract readonly kind: MediaToggleKind;
  readonly #locale = new LocaleController(this);
  readonly #room = new RoomLink(this);

  /** Whether this half of the local stream is muted now (reflected as `muted`). */
  get muted(): boolean {
    const local = this.#room.state?.localStream;
    return Boolean(local && (this.kind === 'audio' ? local.audioMuted : local.videoMuted));
  }

  #reason(state: LiveRoomState | undefined): string {
    const messages = this.#locale.messages;
    if (!state) return messages.button.noRoom;
    const local = state.localStream;
    return local && (this.kind === 'audio' ? local.hasAudio : local.hasVideo) ? '' : messages.onStage.nothingToMute;
  }

  #toggle(): void {
    const controller = this.#room.controller;
    if (!controller || this.#reason(controller.state)) return;
    const enabled = this.muted;
    // The promises never reject; a failure would be the room's to report.
    void (this.kind === 'audio' ? controller.setMicrophoneEnabled(enabled) : controller.setCameraEnabled(enabled));
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#locale.afterLoading(() => super.scheduleUpdate());
  }

  protected override updated(): void {
    this.toggleAttribute('muted', this.muted);
  }

  protected override render() {
    const messages = this.#locale.messages.onStage;
    const reason = this.#reason(this.#room.state);
    const muted = this.muted;
    const label =
      this.kind === 'audio'
        ? muted ? messages.unmuteMicrophone : messages.muteMicrophone
        : muted ? messages.turnCameraOn : messages.turnCameraOff;
    return html`
      <div part="base" class="base">
        <button
          part="button"
          class="button"
          type="button"
          aria-pressed=${muted ? 'true' : 'false'}
          aria-disabled=${reason ? 'true' : 'false'}
          aria-describedby=${reason ? 'hint' : nothing}
          @click=${this.#toggle}
        >
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
            ${ICONS[this.kind]}${muted ? svg`<path class="slash" d="M4 4l16 16"></path>` : nothing}
          </svg>
          <span part="label" class="label">${label}</span>
        </button>
        <span part="hint" class="hint" id="hint" ?hidden=${!reason}>${reason}</span>
      </div>
    `;
  }
}
