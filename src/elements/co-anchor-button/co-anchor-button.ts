import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { Messages } from '../../i18n/messages.js';
import type { CoAnchorState, LiveRoomState } from '../../room/types.js';
import { booleanAttribute } from '../shared/boolean-attribute.js';
import { RoomLink } from '../shared/room-link.js';
import { coAnchorButtonStyles } from './co-anchor-button.styles.js';

const BUSY_STATES: ReadonlySet<CoAnchorState> = new Set(['requesting', 'starting', 'stopping']);
/** Busy, but pressing again does something: it withdraws the request. */
const CANCELLABLE_STATES: ReadonlySet<CoAnchorState> = new Set(['requesting']);

/** Why the button cannot be used now, as a localized sentence; empty when it can. */
function unavailableReason(state: LiveRoomState | undefined, messages: Messages, preview: boolean): string {
  if (!state) return messages.button.noRoom;
  // Someone on stage can always step down, even while the connection is being restored.
  if (state.coAnchorState !== 'idle' && state.coAnchorState !== 'previewing') return '';
  // A browser that cannot publish says so even before (or instead of) joining: it is the lasting reason.
  if (state.canPublish === false) return messages.button.cannotPublish;
  // A preview is a check of camera and mic, which needs no room yet.
  if (state.coAnchorState === 'idle' && preview) return '';
  // Out of the room for good (until the room's own Retry or Join again): say so, not "once you have joined".
  if (state.connectionState === 'failed') return messages.buttonUnavailable.failed;
  if (state.connectionState === 'left' || state.connectionState === 'leaving') return messages.buttonUnavailable.left;
  if (state.connectionState !== 'joined') return messages.button.notJoined;
  return '';
}

/**
 * What a press does now, named after the co-anchor state: a host (joined as anchor) starts and ends
 * a broadcast, a viewer goes on and off stage; with `preview`, the first press opens the preview.
 */
function labelOf(state: LiveRoomState | undefined, messages: Messages, preview: boolean): string {
  const coAnchorState = state?.coAnchorState ?? 'idle';
  const host = state?.joinedRole === 'anchor';
  if (coAnchorState === 'previewing') return host ? messages.hostButton.idle : messages.onStage.goLive;
  if (coAnchorState === 'idle' && preview) return messages.onStage.openPreview;
  if (host && coAnchorState !== 'requesting') return messages.hostButton[coAnchorState];
  return messages.button[coAnchorState];
}

/**
 * One button to go on stage as a co-anchor and to leave it again. In a room joined as anchor (the
 * host) it reads "Go live" and "End broadcast".
 *
 * As an audience member it switches to the anchor role, captures the camera and microphone,
 * shows the local preview and publishes; in a room joined as anchor it publishes. While the room
 * is not joined, or the browser cannot publish, it is marked disabled (it stays focusable) with a
 * visible sentence explaining why. A double click is one action, and a click while going live or
 * leaving the stage is under way does nothing. While a request waits for approval (the room's
 * `signaling` and `host-id`, or its `approveCoAnchor` hook), pressing again withdraws it.
 *
 * @tagname trtc-co-anchor-button
 * @summary Go live as a co-anchor, and leave the stage.
 *
 * @attr {string} lang - Language of the element's text (`en` or `zh-CN`); default: the nearest `lang` around it, then the browser's.
 *
 * @csspart base - The wrapper around the button and its hint.
 * @csspart button - The native `<button>`.
 * @csspart hint - The sentence explaining why the button cannot be used now.
 *
 * @cssprop [--trtc-accent=#0052d9] - Background of the button.
 * @cssprop [--trtc-accent-hover=#003cab] - Background on hover.
 * @cssprop [--trtc-accent-text-color=#fff] - Text of the button.
 * @cssprop [--trtc-danger=#c9353f] - Background while live ("Leave stage", or "End broadcast" for a host).
 * @cssprop [--trtc-danger-hover=#a8232d] - Background on hover while live.
 * @cssprop [--trtc-disabled-background=#e5e7eb] - Background while unavailable.
 * @cssprop [--trtc-disabled-text-color=#4b5563] - Text while unavailable.
 * @cssprop [--trtc-focus-ring-color=#7fb1ff] - Keyboard focus ring.
 * @cssprop [--trtc-button-radius=999px] - Corner radius of the button.
 * @cssprop [--trtc-hint-color=inherit] - Color of the hint below the button.
 * @cssprop --trtc-font - Font shorthand for all text.
 */
export class TrtcCoAnchorButtonElement extends LitElement {
  static override styles = coAnchorButtonStyles;

  static override properties: PropertyDeclarations = {
    noAudio: { attribute: 'no-audio', converter: booleanAttribute },
    noVideo: { attribute: 'no-video', converter: booleanAttribute },
    preview: { converter: booleanAttribute },
    room: {},
  };

  /** @internal LitElement's setting, not this element's API: focusing the host focuses the button. */
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Go live without the microphone. */
  noAudio = false;

  /** Go live without the camera (audio only). */
  noVideo = false;

  /** The first press opens the preview (camera and mic, not yet live); the second goes live. */
  preview = false;

  /** The id of the `<trtc-live-room>` to act on; default: the nearest ancestor room. */
  room: string | null = null;

  readonly #locale = new LocaleController(this);
  readonly #room = new RoomLink(this);

  #toggle(event: MouseEvent): void {
    const controller = this.#room.controller;
    const state = controller?.state;
    // A double click is one action: stepping down takes a few milliseconds, so its second click
    // would otherwise go live again. (The keyboard's clicks have detail 0.)
    if (event.detail > 1) return;
    const coAnchorState = state?.coAnchorState;
    if (!controller || !coAnchorState || unavailableReason(state, this.#locale.messages, this.preview)) return;
    if (BUSY_STATES.has(coAnchorState) && !CANCELLABLE_STATES.has(coAnchorState)) return;
    // Failures are reported by the room (`trtc-error` and its status line); the promises never reject for them.
    const options = { audio: !this.noAudio, video: !this.noVideo };
    if (coAnchorState === 'live' || CANCELLABLE_STATES.has(coAnchorState)) void controller.stopCoAnchor();
    else if (coAnchorState === 'idle' && this.preview) void controller.startPreview(options);
    else void controller.startCoAnchor(options);
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#locale.afterLoading(() => super.scheduleUpdate());
  }

  protected override render() {
    const state = this.#room.state;
    const coAnchorState = state?.coAnchorState;
    const reason = unavailableReason(state, this.#locale.messages, this.preview);
    const busy = coAnchorState !== undefined && BUSY_STATES.has(coAnchorState);
    const label = labelOf(state, this.#locale.messages, this.preview);
    // The button is never `disabled`: that would drop keyboard focus on every state change and
    // hide the button (and its explanation) from keyboard users.
    return html`
      <div part="base" class="base">
        <button
          part="button"
          class="button"
          type="button"
          aria-pressed=${coAnchorState === 'live' || coAnchorState === 'stopping' ? 'true' : 'false'}
          aria-busy=${busy ? 'true' : 'false'}
          aria-disabled=${reason ? 'true' : 'false'}
          aria-describedby=${reason ? 'hint' : nothing}
          @click=${this.#toggle}
        >
          <span class="indicator" aria-hidden="true"></span>${label}
        </button>
        <span part="hint" class="hint" id="hint" ?hidden=${!reason}>${reason}</span>
        <span class="visually-hidden" role="status">${busy ? label : ''}</span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trtc-co-anchor-button': TrtcCoAnchorButtonElement;
  }
}
