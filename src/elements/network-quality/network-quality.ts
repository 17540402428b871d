import { html, LitElement, type PropertyDeclarations } from 'lit';
import { LocaleController } from '../../i18n/locale-controller.js';
import { overallQuality, type QualityName } from '../../room/activity.js';
import { RoomLink } from '../shared/room-link.js';
import { networkQualityStyles } from './network-quality.styles.js';

/** How many of the four bars each quality lights. */
const BARS_LIT: Readonly<Record<QualityName, number>> = { unknown: 0, excellent: 4, good: 3, poor: 2, bad: 1, 'very-bad': 1, down: 0 };
const BARS = [1, 2, 3, 4] as const;

/**
 * Your own connection to the room as signal bars: the worse of uplink and downlink, on TRTC's
 * scale, with an accessible label such as "Network: good". `quality` is reflected for styling.
 *
 * @tagname trtc-network-quality
 * @summary Signal bars for your connection to the room.
 *
 * @attr {QualityName} quality - Set by the element, not by you: `unknown`, `excellent`, `good`, `poor`, `bad`, `very-bad` or `down`.
 * @attr {string} lang - Language of the element's text (`en` or `zh-CN`); default: the nearest `lang` around it, then the browser's.
 *
 * @csspart base - The wrapper, labelled with the quality in words.
 * @csspart bars - The four bars.
 *
 * @cssprop [--trtc-network-good-color=#16a34a] - Lit bars at excellent and good.
 * @cssprop [--trtc-network-poor-color=#d97706] - Lit bars at poor.
 * @cssprop [--trtc-network-bad-color=#dc2626] - Lit bars at bad, very bad and down.
 * @cssprop [--trtc-network-off-color=#9ca3af] - Bars that are not lit.
 * @cssprop [--trtc-network-size=1.25rem] - Height of the tallest bar.
 */
export class TrtcNetworkQualityElement extends LitElement {
  static override styles = networkQualityStyles;

  static override properties: PropertyDeclarations = {
    room: {},
  };

  /** The id of the `<trtc-live-room>` to show; default: the nearest ancestor room. */
  room: string | null = null;

  readonly #locale = new LocaleController(this);
  readonly #room = new RoomLink(this);

  /** The worse of uplink and downlink (reflected as `quality`); `unknown` outside a room. */
  get quality(): QualityName {
    const state = this.#room.state;
    return state ? overallQuality(state.networkQuality) : 'unknown';
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#locale.afterLoading(() => super.scheduleUpdate());
  }

  protected override updated(): void {
    this.setAttribute('quality', this.quality);
  }

  protected override render() {
    const messages = this.#locale.messages.onStage;
    const quality = this.quality;
    const lit = BARS_LIT[quality];
    return html`
      <div part="base" class="base" role="img" aria-label=${messages.network(messages.quality[quality])}>
        <span part="bars" class="bars">
          ${BARS.map((bar) => html`<span class="bar ${bar <= lit ? 'lit' : ''}"></span>`)}
        </span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trtc-network-quality': TrtcNetworkQualityElement;
  }
}
