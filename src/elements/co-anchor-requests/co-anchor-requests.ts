import { html, LitElement, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import type { CoAnchorRequestSnapshot } from '../../room/types.js';
import type { RoomController } from '../shared/context.js';
import { RoomLink } from '../shared/room-link.js';
import { coAnchorRequestsStyles } from './co-anchor-requests.styles.js';

/** How often "waiting 12 s" moves on. */
const TICK_MS = 1000;

/**
 * The host's queue of co-anchor requests: who asks to go on stage (in arrival order, with how
 * long each has waited), an approve and a deny button for each, and the co-anchors on stage with
 * "Remove from stage". It belongs to the host's room (the nearest ancestor `<trtc-live-room>`, or
 * the one `room` names), which must be joined as `anchor` with `signaling`. A polite live region
 * announces each new request; `count` carries the number waiting, for a badge.
 *
 * Putting it inside the room replaces the room's default layout, as any child does: name the
 * room with `room="ID"` to keep it.
 *
 * @tagname trtc-co-anchor-requests
 * @summary The host's list of requests to go live: approve, deny, remove from stage.
 *
 * @attr {number} count - Set by the element, not by you: how many requests are waiting (for a badge).
 * @attr {string} lang - Language of the element's text (`en` or `zh-CN`); default: the nearest `lang` around it, then the browser's.
 *
 * @csspart base - The wrapper around everything.
 * @csspart title - The heading line of the requests with their count (hidden while empty), and of the co-anchors on stage.
 * @csspart count - The number of requests waiting, beside the title.
 * @csspart empty - The sentence shown while no one is asking.
 * @csspart list - The list of requests (hidden while empty).
 * @csspart request - One request: the user id, how long it has waited, approve and deny.
 * @csspart approve - The button approving a request.
 * @csspart deny - The button denying a request.
 * @csspart stage - The list of co-anchors on stage (hidden while empty).
 * @csspart co-anchor - One co-anchor on stage, with its remove button.
 * @csspart remove - The button taking a co-anchor off stage.
 *
 * @cssprop [--trtc-requests-text-color=inherit] - Text of the element.
 * @cssprop [--trtc-requests-muted-color=#4b5563] - How long each request has waited.
 * @cssprop [--trtc-requests-entry-color=#111827] - Text of each request and co-anchor.
 * @cssprop [--trtc-requests-entry-background=#f3f4f6] - Background of each request and co-anchor.
 * @cssprop [--trtc-accent=#0052d9] - Background of the approve buttons and the count.
 * @cssprop [--trtc-accent-hover=#003cab] - Background of the approve buttons on hover.
 * @cssprop [--trtc-accent-text-color=#fff] - Text of the buttons and the count.
 * @cssprop [--trtc-danger=#c9353f] - Background of the deny and remove buttons.
 * @cssprop [--trtc-danger-hover=#a8232d] - Background of the deny and remove buttons on hover.
 * @cssprop [--trtc-focus-ring-color=#7fb1ff] - Keyboard focus ring.
 * @cssprop --trtc-font - Font shorthand for all text.
 */
export class TrtcCoAnchorRequestsElement extends LitElement {
  static override styles = coAnchorRequestsStyles;

  static override properties: PropertyDeclarations = {
    room: {},
  };

  /** The id of the host's `<trtc-live-room>`; default: the nearest ancestor room. */
  room: string | null = null;

  readonly #locale = new LocaleController(this);
  readonly #room = new RoomLink(this, (controller) => this.#follow(controller));
  #stopListening: (() => void) | undefined;
  /** The last request that arrived, for the live region. */
  #arrived = '';
  #ticker: ReturnType<typeof setInterval> | undefined;

  /** How many requests are waiting (reflected as `count`). */
  get count(): number {
    return this.#requests().length;
  }

  #requests(): readonly CoAnchorRequestSnapshot[] {
    return this.#room.state?.coAnchorRequests ?? [];
  }

  #follow(controller: RoomController | undefined): void {
    this.#stopListening?.();
    this.#arrived = '';
    this.#stopListening = controller?.listen((event) => {
      if (event.type !== 'trtc-co-anchor-request' || event.detail.status !== 'pending') return;
      this.#arrived = event.detail.userId;
      this.requestUpdate();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#tick(false);
  }

  /** Keeps the waiting times moving while someone waits, and only then. */
  #tick(on: boolean): void {
    if (on && this.#ticker === undefined) this.#ticker = setInterval(() => this.requestUpdate(), TICK_MS);
    if (!on && this.#ticker !== undefined) {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
    }
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#locale.afterLoading(() => super.scheduleUpdate());
  }

  protected override updated(): void {
    this.setAttribute('count', String(this.count));
    this.#tick(this.isConnected && this.count > 0);
  }

  protected override render() {
    const messages = this.#locale.messages.requests;
    const requests = this.#requests();
    const coAnchors = this.#room.state?.coAnchors ?? [];
    const controller = this.#room.controller;
    const now = Date.now();
    return html`
      <div part="base" class="base">
        <div class="visually-hidden" role="status">${this.#arrived ? messages.arrived(this.#arrived) : ''}</div>
        <p part="title" class="title" id="title" ?hidden=${requests.length === 0}>
          ${messages.title}<span part="count" class="count" aria-hidden="true">${requests.length}</span>
        </p>
        <p part="empty" class="empty" ?hidden=${requests.length > 0}>${messages.empty}</p>
        <ul part="list" class="list" aria-labelledby="title" ?hidden=${requests.length === 0}>
          ${repeat(
            requests,
            (request) => request.userId,
            ({ userId, since }) => html`
              <li part="request" class="entry">
                <span class="user">${userId}</span>
                <span class="waiting">${messages.waiting(Math.max(0, Math.floor((now - since) / 1000)))}</span>
                <button
                  part="approve"
                  class="action"
                  type="button"
                  aria-label=${messages.approveUser(userId)}
                  @click=${() => void controller?.approveCoAnchorRequest(userId)}
                >${messages.approve}</button>
                <button
                  part="deny"
                  class="action refuse"
                  type="button"
                  aria-label=${messages.denyUser(userId)}
                  @click=${() => void controller?.denyCoAnchorRequest(userId)}
                >${messages.deny}</button>
              </li>
            `,
          )}
        </ul>
        <p part="title" class="title" id="stage-title" ?hidden=${coAnchors.length === 0}>${messages.onStage}</p>
        <ul part="stage" class="list" aria-labelledby="stage-title" ?hidden=${coAnchors.length === 0}>
          ${repeat(
            coAnchors,
            (coAnchor) => coAnchor.userId,
            ({ userId }) => html`
              <li part="co-anchor" class="entry">
                <span class="user grow">${userId}</span>
                <button
                  part="remove"
                  class="action refuse"
                  type="button"
                  aria-label=${messages.removeUser(userId)}
                  @click=${() => void controller?.removeCoAnchor(userId)}
                >${messages.remove}</button>
              </li>
            `,
          )}
        </ul>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trtc-co-anchor-requests': TrtcCoAnchorRequestsElement;
  }
}
