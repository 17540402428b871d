import { html, LitElement, type PropertyDeclarations } from 'lit';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { Messages } from '../../i18n/messages.js';
import { isDeviceKind } from '../../room/local-media.js';
import type { DeviceInfo, DeviceKind, LiveRoomState } from '../../room/types.js';
import { RoomLink } from '../shared/room-link.js';
import { deviceSelectStyles } from './device-select.styles.js';

const LIST_OF = { camera: 'cameras', microphone: 'microphones', speaker: 'speakers' } as const;
const ID_OF = { camera: 'cameraId', microphone: 'microphoneId', speaker: 'speakerId' } as const;

/** Why there is no list to choose from, as a sentence; empty when there is one. */
function unavailableReason(kind: string, state: LiveRoomState | undefined, messages: Messages): string {
  if (!isDeviceKind(kind)) return messages.onStage.badKind(kind);
  if (!state) return messages.button.noRoom;
  const { devices } = state;
  if (kind === 'speaker' && !devices.speakerSelectable) return messages.onStage.speakerUnsupported;
  if (!devices.listed) return messages.onStage.devicesHidden;
  if (devices[LIST_OF[kind]].length === 0) return messages.onStage.noDevices[kind];
  return '';
}

/**
 * Chooses the camera, microphone or speaker the room uses: a labelled native `<select>` of the
 * room's `state.devices`, kept current when devices are plugged in or out. Before capture the
 * choice is what the camera opens; while previewing or live it switches at once, still live; a
 * speaker plays every remote stream. Until the browser shows the devices' names (once camera
 * and microphone are allowed) it says so instead of showing an empty list, and where the browser
 * cannot choose a speaker it says that.
 *
 * @tagname trtc-device-select
 * @summary Pick the camera, microphone or speaker.
 *
 * @attr {string} lang - Language of the element's text (`en` or `zh-CN`); default: the nearest `lang` around it, then the browser's.
 *
 * @csspart base - The wrapper around the label and the list.
 * @csspart label - The label naming the kind of device.
 * @csspart select - The native `<select>`.
 * @csspart message - The sentence shown instead of the list while there is none to choose from.
 *
 * @cssprop [--trtc-control-background=#fff] - Background of the list.
 * @cssprop [--trtc-control-text-color=#111827] - Text of the list.
 * @cssprop [--trtc-control-border-color=#d1d5db] - Border of the list.
 * @cssprop [--trtc-focus-ring-color=#7fb1ff] - Keyboard focus ring.
 * @cssprop [--trtc-hint-color=inherit] - Color of the sentence shown instead of the list.
 * @cssprop --trtc-font - Font shorthand for all text.
 */
export class TrtcDeviceSelectElement extends LitElement {
  static override styles = deviceSelectStyles;

  static override properties: PropertyDeclarations = {
    kind: { reflect: true },
    room: {},
  };

  /** @internal LitElement's setting, not this element's API: focusing the host focuses the list. */
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Which device to choose: `camera` (default), `microphone` or `speaker`. */
  kind: DeviceKind = 'camera';

  /** The id of the `<trtc-live-room>` to act on; default: the nearest ancestor room. */
  room: string | null = null;

  readonly #locale = new LocaleController(this);
  readonly #room = new RoomLink(this);

  #devices(): readonly DeviceInfo[] {
    const state = this.#room.state;
    return state && isDeviceKind(this.kind) ? state.devices[LIST_OF[this.kind]] : [];
  }

  /** The device chosen now, or the first (the browser's default) when none was. */
  #chosen(): string {
    const state = this.#room.state;
    const chosen = state && isDeviceKind(this.kind) ? state.devices[ID_OF[this.kind]] : null;
    return chosen ?? this.#devices()[0]?.deviceId ?? '';
  }

  #onChange(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const controller = this.#room.controller;
    if (!controller || !isDeviceKind(this.kind)) return;
    // A choice the room refuses (the device went away) is reported by the room; the list then
    // goes back to the device in use.
    void controller.selectDevice(this.kind, select.value).then(() => {
      select.value = this.#chosen();
    });
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#locale.afterLoading(() => super.scheduleUpdate());
  }

  protected override updated(): void {
    // After the options are rendered: the list shows the device in use, even after a refused choice.
    const select = this.renderRoot.querySelector('select');
    if (select) select.value = this.#chosen();
  }

  protected override render() {
    const messages = this.#locale.messages;
    const reason = unavailableReason(this.kind, this.#room.state, messages);
    const label = isDeviceKind(this.kind) ? messages.onStage.deviceLabel[this.kind] : messages.onStage.deviceLabel.camera;
    return html`
      <div part="base" class="base">
        <label part="label" class="label" for="select" id="label">${label}</label>
        <select part="select" class="select" id="select" ?hidden=${Boolean(reason)} @change=${this.#onChange}>
          ${this.#devices().map(
            (device, index) => html`<option value=${device.deviceId}>${device.label || messages.onStage.unnamedDevice(index + 1)}</option>`,
          )}
        </select>
        <span part="message" class="message" role="status" aria-labelledby="label" ?hidden=${!reason}>${reason}</span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trtc-device-select': TrtcDeviceSelectElement;
  }
}
