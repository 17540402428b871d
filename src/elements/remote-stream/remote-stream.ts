import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { RemoteStreamSnapshot, RemoteView, StreamType } from '../../room/types.js';
import { booleanAttribute } from '../shared/boolean-attribute.js';
import { micMutedIcon } from '../shared/indicators.js';
import { StreamViewController } from '../shared/stream-view-controller.js';
import { remoteStreamStyles } from './remote-stream.styles.js';

/**
 * Shows one remote anchor's stream of a live room.
 *
 * With `user-id` it shows that user's stream; without, the first stream (in join order) that no
 * other `<trtc-remote-stream>` of the room has claimed. While there is none it shows the
 * `placeholder` slot ("No one else is on stage" while the room is joined), or nothing at all with
 * `hide-when-empty`. When the browser refuses to start playback without a click, a play button
 * appears over the video.
 *
 * @tagname trtc-remote-stream
 * @summary The video and audio of one remote anchor.
 *
 * @attr {boolean} active - Set by the element, not by you: present while a stream is assigned.
 * @attr {string} stream-user-id - Set by the element, not by you: the user ID of the stream shown now.
 * @attr {boolean} hide-when-empty - While no stream is assigned, show nothing and take no room in the layout.
 * @attr {boolean} audio-muted - Set by the element, not by you: present while the anchor's microphone is muted.
 * @attr {boolean} video-muted - Set by the element, not by you: present while the anchor's camera is off.
 * @attr {boolean} speaking - Set by the element, not by you: present while the anchor is speaking (outlined).
 * @attr {string} lang - Language of the element's text (`en` or `zh-CN`); default: the nearest `lang` around it, then the browser's.
 *
 * @slot placeholder - Shown while no stream is assigned. Default: a localized "No one else is on stage" in a joined room, "Waiting for the anchor…" before.
 *
 * @csspart base - The tile around everything.
 * @csspart video - The box the video is played into.
 * @csspart placeholder - The box around the `placeholder` slot.
 * @csspart camera-off - Shown instead of the picture while the anchor's camera is off, with the anchor's name.
 * @csspart mic-muted - The badge shown while the anchor's microphone is muted.
 * @csspart name - The anchor's user ID over the video.
 * @csspart play-button - The button shown when the browser blocked playback until a click.
 *
 * @cssprop [--trtc-tile-background=#111827] - Background of the tile behind the video.
 * @cssprop [--trtc-tile-radius=12px] - Corner radius of the tile.
 * @cssprop [--trtc-tile-shadow=0 1px 3px rgb(0 0 0 / 0.35)] - Shadow of the tile.
 * @cssprop [--trtc-tile-aspect-ratio=16 / 9] - Shape of the tile.
 * @cssprop [--trtc-tile-text-color=#f3f4f6] - Text on the tile.
 * @cssprop [--trtc-tile-muted-text-color=#d1d5db] - Placeholder text.
 * @cssprop [--trtc-accent=#0052d9] - Background of the play button.
 * @cssprop [--trtc-accent-hover=#003cab] - Play button background on hover.
 * @cssprop [--trtc-accent-text-color=#fff] - Text of the play button.
 * @cssprop [--trtc-focus-ring-color=#7fb1ff] - Keyboard focus ring.
 * @cssprop [--trtc-speaking-outline-color=#22c55e] - Outline of the tile while the anchor speaks.
 * @cssprop [--trtc-badge-background=#c9353f] - Background of the muted-microphone badge.
 * @cssprop --trtc-font - Font shorthand for all text.
 */
export class TrtcRemoteStreamElement extends LitElement {
  static override styles = remoteStreamStyles;

  static override properties: PropertyDeclarations = {
    userId: { attribute: 'user-id' },
    streamType: { attribute: 'stream-type' },
    objectFit: { attribute: 'object-fit' },
    muted: { converter: booleanAttribute },
    room: {},
    hideWhenEmpty: { attribute: 'hide-when-empty', converter: booleanAttribute },
  };

  static {
    // The view is attached once the video div is rendered, and the room answers at once with what
    // to show: a second render right after the first is the design, not an accident.
    this.disableWarning?.('change-in-update');
  }

  /** The user whose stream to show; empty: the first stream no other view has claimed. */
  userId = '';

  /** `main` (camera) or `auxiliary` (screen sharing). */
  streamType: StreamType = 'main';

  /** How the video fills the tile: `cover` crops, `contain` letterboxes. */
  objectFit: 'cover' | 'contain' = 'cover';

  /** Do not play the stream's audio. */
  muted = false;

  /** The id of the `<trtc-live-room>` to show a stream of; default: the nearest ancestor room. */
  room: string | null = null;

  /** While no stream is assigned, show nothing and take no room in the layout (instead of the placeholder tile). */
  hideWhenEmpty = false;

  readonly #locale = new LocaleController(this);
  // It renders only the stream it is shown (`select: null`): a change elsewhere in the room costs it nothing.
  readonly #view = new StreamViewController<RemoteView, RemoteStreamSnapshot | null>(this, {
    settings: () => ({
      userId: this.userId?.trim() ?? '',
      streamType: this.streamType === 'auxiliary' ? 'auxiliary' : 'main',
      objectFit: this.objectFit === 'contain' ? 'contain' : 'cover',
      muted: this.muted,
    }),
    attach: (controller, view) => controller.attachRemoteView(view),
    none: null,
    // It renders the stream it is shown (told through show()) and, while it shows none, whether
    // the room is joined: a change elsewhere in the room costs it nothing.
    select: (state) => state.connectionState === 'joined',
    onShow: (stream) => {
      this.toggleAttribute('active', stream !== null);
      this.toggleAttribute('audio-muted', stream?.audioMuted === true);
      this.toggleAttribute('video-muted', stream?.videoMuted === true);
      this.toggleAttribute('speaking', stream?.speaking === true);
      if (stream) this.setAttribute('stream-user-id', stream.userId);
      else this.removeAttribute('stream-user-id');
    },
  });

  /** The user ID of the stream shown now (reflected as `stream-user-id`), or null. */
  get streamUserId(): string | null {
    return this.#view.shown?.userId ?? null;
  }

  /** Whether a stream is assigned to this view (reflected as `active`). */
  get active(): boolean {
    return this.#view.shown !== null;
  }

  #resumePlayback(): void {
    const key = this.#view.shown?.key;
    const controller = this.#view.room.controller;
    if (!key || !controller) return;
    // Must run inside the click: browsers only allow playback started from a user gesture.
    controller.resumePlayback(key).catch(() => {
      // The stream stays marked as blocked, so the button stays for another try.
    });
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#locale.afterLoading(() => super.scheduleUpdate());
  }

  protected override render() {
    const messages = this.#locale.messages;
    const stream = this.#view.shown;
    const cameraOff = stream !== null && (!stream.hasVideo || stream.videoMuted);
    // In a joined room an unclaimed view means no one (else) is publishing, not that the host is late.
    const empty = this.#view.room.state?.connectionState === 'joined' ? messages.nobodyOnStage : messages.remote.waiting;
    return html`
      <div part="base" class="base" role="group" aria-label=${stream ? messages.remote.streamOf(stream.userId) : empty}>
        <div part="video" class="video"></div>
        <div part="camera-off" class="camera-off" ?hidden=${!cameraOff}>${stream ? messages.remote.cameraOff(stream.userId) : nothing}</div>
        <div part="placeholder" class="placeholder" ?hidden=${stream !== null}>
          <slot name="placeholder">${empty}</slot>
        </div>
        ${stream ? html`<span part="name" class="name" aria-hidden="true">${stream.userId}</span>` : nothing}
        <span part="mic-muted" class="mic-muted" role="img" aria-label=${messages.onStage.micMuted} ?hidden=${!stream?.audioMuted}>${micMutedIcon}</span>
        ${stream?.autoplayBlocked
          ? html`<button part="play-button" class="play" type="button" @click=${this.#resumePlayback}>${messages.remote.play}</button>`
          : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trtc-remote-stream': TrtcRemoteStreamElement;
  }
}
