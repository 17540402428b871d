import { MediaToggleElement, type MediaToggleKind } from '../shared/media-toggle.js';

/**
 * Mutes and unmutes your microphone while you preview or are live, without leaving the stage: the
 * others see it at once. A native button, pressed while muted, labelled with what a press does.
 * With nothing to mute (no room, or the microphone is not on) it is marked disabled, stays
 * focusable, and says why.
 *
 * @tagname trtc-mic-toggle
 * @summary Mute and unmute your microphone.
 *
 * @attr {boolean} muted - Set by the element, not by you: present while the microphone is muted.
 * @attr {string} lang - Language of the element's text (`en` or `zh-CN`); default: the nearest `lang` around it, then the browser's.
 *
 * @csspart base - The wrapper around the button and its hint.
 * @csspart button - The native `<button>`.
 * @csspart label - The button's text.
 * @csspart hint - The sentence explaining why there is nothing to mute.
 *
 * @cssprop [--trtc-control-background=#fff] - Background of the button.
 * @cssprop [--trtc-control-hover-background=#f3f4f6] - Background on hover.
 * @cssprop [--trtc-control-text-color=#111827] - Text and icon of the button.
 * @cssprop [--trtc-control-border-color=#d1d5db] - Border of the button.
 * @cssprop [--trtc-muted-background=#c9353f] - Background while muted.
 * @cssprop [--trtc-muted-text-color=#fff] - Text while muted.
 * @cssprop [--trtc-disabled-background=#e5e7eb] - Background while there is nothing to mute.
 * @cssprop [--trtc-disabled-text-color=#4b5563] - Text while there is nothing to mute.
 * @cssprop [--trtc-focus-ring-color=#7fb1ff] - Keyboard focus ring.
 * @cssprop [--trtc-button-radius=999px] - Corner radius of the button.
 * @cssprop [--trtc-hint-color=inherit] - Color of the hint.
 * @cssprop --trtc-font - Font shorthand for all text.
 */
export class TrtcMicToggleElement extends MediaToggleElement {
  protected readonly kind: MediaToggleKind = 'audio';
}

declare global {
  interface HTMLElementTagNameMap {
    'trtc-mic-toggle': TrtcMicToggleElement;
  }
}
