import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { BackendName } from '../../backends/loader.js';
import type { TrtcBackend } from '../../backends/types.js';
import type { CoAnchorSignaling } from '../../signaling/types.js';
import { describeError } from '../../i18n/locale.js';
import { ENTRY_STRINGS } from '../../i18n/messages.js';
import { LocaleController } from '../../i18n/locale-controller.js';
import { LiveRoomController } from '../../room/live-room-controller.js';
import type {
  ApproveCoAnchor,
  CoAnchorChangeReason,
  CoAnchorOptions,
  CoAnchorState,
  ConnectionState,
  DeviceKind,
  LiveRoomErrorDetail,
  LiveRoomEvent,
  LiveRoomState,
} from '../../room/types.js';
import { booleanAttribute } from '../shared/boolean-attribute.js';
import { roomControllerContext } from '../shared/context.js';
import { roomEvent } from '../shared/events.js';
import { liveRoomStyles } from './live-room.styles.js';

/**
 * Every setting: in the room they go to the controller, which decides whether to join again; an
 * automatic room that is idle or failed tries again when one changes.
 */
const SETTING_PROPERTIES = ['sdkAppId', 'roomId', 'userId', 'userRole', 'backend', 'sdk', 'userSig', 'credentialsUrl', 'credentialsCrossOrigin', 'autoPublish', 'manual', 'signaling', 'hostId', 'maxCoAnchors'] as const;
const IN_ROOM: ReadonlySet<ConnectionState> = new Set(['joining', 'joined', 'reconnecting']);

/** Something the viewer should read while joined: a failed co-anchor step, or why a request or time on stage ended. */
type Notice = LiveRoomErrorDetail | Exclude<CoAnchorChangeReason, 'cancelled'>;

/**
 * A TRTC live room. It joins on connect (unless `manual`), leaves when removed, and provides its
 * controller to the `<trtc-remote-stream>`, `<trtc-local-stream>` and `<trtc-co-anchor-button>`
 * inside it (or naming it with `room="ID"`). With no child elements it renders a default layout:
 * every remote stream in a responsive grid, your preview while on stage, and a co-anchor button;
 * while previewing or live, also mute toggles, device lists and the network bars.
 *
 * The user signature (`user-sig` / `userSig`) is never reflected, logged or put in an event.
 *
 * @tagname trtc-live-room
 * @summary Joins a TRTC live room and shares it with the elements inside.
 *
 * @fires {CustomEvent<LiveRoomState>} trtc-state-change - Any observable change; detail is the new frozen state.
 * @fires {CustomEvent<RoomIdentityDetail>} trtc-joined - Joined the room.
 * @fires {CustomEvent<RoomIdentityDetail>} trtc-left - Left the room.
 * @fires {CustomEvent<RemoteStreamSnapshot>} trtc-stream-added - A remote anchor started a stream.
 * @fires {CustomEvent<RemoteStreamSnapshot>} trtc-stream-removed - A remote stream left the room, or the room was left (leave, kick, lost connection): once per stream.
 * @fires {CustomEvent<CoAnchorChangeDetail>} trtc-co-anchor-change - The co-anchor state changed; `reason` says why a request or time on stage ended (`denied`, `timeout`, `full`, `removed`, `cancelled`, `host-left`), and `denied` is true when the approval hook or the host said no.
 * @fires {CustomEvent<CoAnchorRequestDetail>} trtc-co-anchor-request - As the host with `signaling`: a viewer's request arrived (`status` `pending`), was withdrawn (`cancelled`) or expired (`expired`).
 * @fires {CustomEvent<KickedDetail>} trtc-kicked - Removed from the room (e.g. the same user ID joined elsewhere).
 * @fires {CustomEvent<RemoteStreamSnapshot>} trtc-autoplay-blocked - The browser blocked playback until a click; once per stream.
 * @fires {CustomEvent<DeviceChangeDetail>} trtc-device-change - Devices were plugged in or out (`reason: 'list'`), or the one in use went away and the room fell back to another (`reason: 'lost'`, with `kind`, `lostDeviceId` and the `deviceId` now used, or null).
 * @fires {CustomEvent<NetworkQuality>} trtc-network-quality - Your uplink or downlink quality changed (`{ uplink, downlink }`, TRTC's 0–6 scale).
 * @fires {CustomEvent<LiveRoomErrorDetail>} trtc-error - Something failed; detail `{ code, sdkCode?, message, recoverable, field? }`.
 *
 * @attr {ConnectionState} connection-state - Set by the room, not by you: `idle`, `joining`, `joined`, `reconnecting`, `leaving`, `left` or `failed`; for styling and tests.
 * @attr {CoAnchorState} co-anchor-state - Set by the room, not by you: `idle`, `previewing`, `requesting`, `starting`, `live` or `stopping`.
 * @attr {'grid'} layout - `grid`: your own child elements in the default layout's responsive grid; unset, they flow as you style them.
 * @attr {string} lang - Language of the element's text (`en` or `zh-CN`); default: the nearest `lang` around it, then the browser's.
 *
 * @slot - Your own layout of `<trtc-remote-stream>`, `<trtc-local-stream>` and `<trtc-co-anchor-button>`; without child elements the default layout is shown.
 *
 * @csspart base - The wrapper around everything.
 * @csspart status - The status line (joining, reconnecting, errors); its sentence is a polite live region.
 * @csspart retry-button - The status line's button: "Retry" after a failure that trying again may mend, "Join again" after leaving.
 * @csspart layout - The default layout (only without child elements).
 * @csspart grid - The grid of video tiles in the default layout.
 * @csspart empty-tile - The tile shown in the default layout while no one is on stage.
 * @csspart toolbar - The row holding the co-anchor button in the default layout; while previewing or live also the mic and camera toggles and the network bars.
 * @csspart controls - In the default layout while previewing or live: the camera, microphone and (where the browser can choose one) speaker lists.
 *
 * @cssprop [--trtc-gap=12px] - Space between tiles and rows.
 * @cssprop [--trtc-text-color=inherit] - Text color of the room.
 * @cssprop [--trtc-room-background=transparent] - Background of the room.
 * @cssprop [--trtc-room-padding=0] - Padding of the room.
 * @cssprop [--trtc-room-radius=0] - Corner radius of the room.
 * @cssprop [--trtc-status-background=#1f2937] - Background of the status line.
 * @cssprop [--trtc-status-color=#f9fafb] - Text of the status line.
 * @cssprop [--trtc-status-error-background=#fee2e2] - Background of the status line for errors.
 * @cssprop [--trtc-status-error-color=#7f1d1d] - Text of the status line for errors.
 * @cssprop [--trtc-status-error-border-color=#fca5a5] - Border of the status line for errors.
 * @cssprop [--trtc-tile-min-width=280px] - Narrowest tile before the grid wraps to another row.
 * @cssprop [--trtc-single-tile-max-width=960px] - Widest a lone tile grows.
 * @cssprop [--trtc-tile-background=#111827] - Background of video tiles.
 * @cssprop [--trtc-tile-radius=12px] - Corner radius of video tiles.
 * @cssprop [--trtc-tile-aspect-ratio=16 / 9] - Shape of video tiles.
 * @cssprop [--trtc-tile-shadow=0 1px 3px rgb(0 0 0 / 0.35)] - Shadow of video tiles.
 * @cssprop [--trtc-tile-muted-text-color=#d1d5db] - Text on an empty tile.
 * @cssprop [--trtc-focus-ring-color=#7fb1ff] - Keyboard focus ring of the status line's button.
 * @cssprop --trtc-font - Font shorthand for all text.
 */
export class TrtcLiveRoomElement extends LitElement {
  static override styles = liveRoomStyles;

  static override properties: PropertyDeclarations = {
    sdkAppId: { attribute: 'sdk-app-id' },
    roomId: { attribute: 'room-id' },
    userId: { attribute: 'user-id' },
    userSig: { attribute: 'user-sig' },
    credentialsUrl: { attribute: 'credentials-url' },
    credentialsCrossOrigin: { attribute: 'credentials-cross-origin', converter: booleanAttribute },
    userRole: { attribute: 'user-role' },
    backend: {},
    manual: { converter: booleanAttribute },
    autoPublish: { attribute: 'auto-publish', converter: booleanAttribute },
    sdk: { attribute: false },
    layout: {},
    signaling: {},
    hostId: { attribute: 'host-id' },
    maxCoAnchors: { attribute: 'max-co-anchors' },
  };

  /** Your TRTC application's SDKAppID (a positive integer). */
  sdkAppId: string | number | null = null;

  /** All digits: a numeric room (1–4294967294); otherwise a string room (1–64 characters). */
  roomId: string | number | null = null;

  /** Who joins: 1–32 letters, digits, `_` and `-`. */
  userId: string | null = null;

  /**
   * The user signature made on your server. Never reflected, logged or put in an event; prefer
   * setting the property (or `credentials-url`) so it never appears in the page's markup.
   */
  userSig: string | null = null;

  /**
   * A URL answering `{ sdkAppId, userId, userSig }` JSON, fetched before each join and again when
   * the signature has expired. It must be on the page's origin unless `credentials-cross-origin`
   * is set; otherwise the room fails with `invalid-config` (field `credentials-url`).
   */
  credentialsUrl: string | null = null;

  /**
   * Allow a `credentials-url` on another origin than the page's. It is then fetched with the
   * viewer's cookies included (`credentials: 'include'`), so that server can recognise the viewer;
   * it must answer with CORS headers naming this origin and allowing credentials.
   */
  credentialsCrossOrigin = false;

  /** The role to join with: `audience` (default) watches; `anchor` can publish: the host of a live room. */
  userRole: string = 'audience';

  /**
   * `trtc` (default: the real TRTC Web SDK v4, loaded on first join), `trtc-v5` (the TRTC Web SDK v5,
   * loaded on first join; the same markup, see "v4 or v5" in the README) or `loopback` (offline, between tabs of one
   * browser profile; for demos and tests).
   */
  backend: BackendName = 'trtc';

  /** Do not join on connect; call `join()`. */
  manual = false;

  /** As an anchor, publish camera and microphone right after joining. */
  autoPublish = false;

  /** A TRTC-v4-shaped namespace to use instead of loading one; wins over `backend`. */
  sdk: TrtcBackend | undefined = undefined;

  /**
   * How your own child elements are laid out: `grid` puts them in the default layout's responsive
   * grid (a `<trtc-co-anchor-button>` on a row of its own below); unset, they flow as you style them.
   */
  layout: 'grid' | null = null;

  /**
   * How co-anchor requests travel: `loopback` (between tabs of one browser profile), `tencent-chat`
   * (Tencent Cloud Chat with the room's credentials) or, as a property, your own `CoAnchorSignaling`.
   * A viewer's button then asks `host-id` first; a room joined as `anchor` is the host who answers.
   */
  signaling: CoAnchorSignaling | string | null = null;

  /** With `signaling`: the user id of the host a viewer asks to go on stage. */
  hostId: string | null = null;

  /** As the host with `signaling`: how many co-anchors may be on stage at once (default 6, at most 49). */
  maxCoAnchors: number | string | null = null;

  readonly #controller = this.createController();
  readonly #locale = new LocaleController(this);
  #joinWhenUpdated = false;
  #leaveScheduled = false;
  #notice: Notice | null = null;

  constructor() {
    super();
    // The children's one source of the room; the value is never replaced.
    new ContextProvider(this, { context: roomControllerContext, initialValue: this.#controller });
    // The controller lives exactly as long as this element, so these subscriptions need no teardown.
    this.#controller.subscribe((state) => this.#onStateChange(state));
    this.#controller.listen((event) => this.#onRoomEvent(event));
  }

  /** The room's one `LiveRoomController`: drive it directly from a framework if you like. */
  get controller(): LiveRoomController {
    return this.#controller;
  }

  /** The current frozen state (also the detail of `trtc-state-change`). */
  get state(): LiveRoomState {
    return this.#controller.state;
  }

  /** Reflected as `connection-state`: `idle`, `joining`, `joined`, `reconnecting`, `leaving`, `left` or `failed`. */
  get connectionState(): ConnectionState {
    return this.#controller.state.connectionState;
  }

  /** Reflected as `co-anchor-state`: `idle`, `previewing`, `requesting`, `starting`, `live` or `stopping`. */
  get coAnchorState(): CoAnchorState {
    return this.#controller.state.coAnchorState;
  }

  /**
   * Decides whether a viewer may go on stage: `({ roomId, userId }) => boolean | Promise<boolean>`.
   * While it is pending `co-anchor-state` is `requesting`.
   */
  get approveCoAnchor(): ApproveCoAnchor | undefined {
    return this.#controller.approveCoAnchor;
  }

  set approveCoAnchor(approve: ApproveCoAnchor | undefined) {
    this.#controller.approveCoAnchor = approve;
  }

  /** Joins with the current settings (leaving first if they changed). Settles once the state has. */
  join(): Promise<void> {
    this.#configure();
    return this.#controller.join();
  }

  #configure(): void {
    this.#controller.configure({
      sdk: this.sdk,
      backend: this.backend,
      sdkAppId: this.sdkAppId,
      roomId: this.roomId,
      userId: this.userId,
      userSig: this.userSig,
      credentialsUrl: this.credentialsUrl,
      credentialsCrossOrigin: this.credentialsCrossOrigin,
      role: this.userRole,
      autoPublish: this.autoPublish,
      signaling: this.signaling,
      hostId: this.hostId,
      maxCoAnchors: this.maxCoAnchors,
    });
  }

  /** Leaves the room, releasing camera, microphone and connections. */
  leave(): Promise<void> {
    return this.#controller.leave();
  }

  /** Goes on stage as a co-anchor (`{ audio: false }` or `{ video: false }` to leave one out). */
  startCoAnchor(options: CoAnchorOptions = {}): Promise<void> {
    return this.#controller.startCoAnchor(options);
  }

  /** Leaves the stage: stops publishing and turns camera and microphone off. While a request waits for its answer, withdraws it. */
  stopCoAnchor(): Promise<void> {
    return this.#controller.stopCoAnchor();
  }

  /** As the host (with `signaling`): lets `userId`, who asked, come on stage (or answers `full`). */
  approveCoAnchorRequest(userId: string): Promise<void> {
    return this.#controller.approveCoAnchorRequest(userId);
  }

  /** As the host: says no to `userId`'s request. */
  denyCoAnchorRequest(userId: string): Promise<void> {
    return this.#controller.denyCoAnchorRequest(userId);
  }

  /** As the host: takes the co-anchor `userId` off stage; their room stops co-anchoring. */
  removeCoAnchor(userId: string): Promise<void> {
    return this.#controller.removeCoAnchor(userId);
  }

  /** Opens camera and mic in the local preview without going live (before joining too); `startCoAnchor()` then goes live with it. */
  startPreview(options: CoAnchorOptions = {}): Promise<void> {
    // Before joining too, the camera opens on this room's backend (its `sdk` or `backend`).
    this.#configure();
    return this.#controller.startPreview(options);
  }

  /** Closes the preview: camera and microphone off. */
  stopPreview(): Promise<void> {
    return this.#controller.stopPreview();
  }

  /** Mutes (`false`) or unmutes the microphone while previewing or live, without leaving the stage. */
  setMicrophoneEnabled(enabled: boolean): Promise<void> {
    return this.#controller.setMicrophoneEnabled(enabled);
  }

  /** Turns the camera's picture off (`false`) or on while previewing or live, without leaving the stage. */
  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.#controller.setCameraEnabled(enabled);
  }

  /** Chooses the `camera`, `microphone` or `speaker` by a `deviceId` of `state.devices`; while capturing it switches in place. */
  selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.#controller.selectDevice(kind, deviceId);
  }

  /** Makes the room's controller; a subclass may configure one differently. */
  protected createController(): LiveRoomController {
    return new LiveRoomController();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#reflectState(this.#controller.state);
    if (this.#leaveScheduled) {
      // Moved within the page in one task: stay in the room.
      this.#leaveScheduled = false;
      return;
    }
    this.#joinWhenUpdated = true;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#joinWhenUpdated = false;
    // Wait a microtask: a move (remove, then insert elsewhere) reconnects before it runs.
    this.#leaveScheduled = true;
    queueMicrotask(() => {
      if (!this.#leaveScheduled) return;
      this.#leaveScheduled = false;
      void this.#controller.leave();
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.isConnected) return;
    const joinOnConnect = this.#joinWhenUpdated;
    this.#joinWhenUpdated = false;
    const { connectionState } = this.#controller.state;
    const settingChanged = SETTING_PROPERTIES.some((name) => changed.has(name));
    // The controller holds the settings in every state (configuring does not join): what it does
    // before joining, such as a preview, uses this room's backend.
    if (settingChanged) this.#configure();
    if (IN_ROOM.has(connectionState)) return;
    if (this.manual) return;
    const settled = connectionState === 'idle' || connectionState === 'failed';
    if (joinOnConnect || (settled && settingChanged)) void this.join();
  }

  #onStateChange(state: LiveRoomState): void {
    if (state.connectionState === 'joining') this.#notice = null;
    this.#reflectState(state);
    this.dispatchEvent(roomEvent('trtc-state-change', state));
    this.requestUpdate();
  }

  #onRoomEvent(event: LiveRoomEvent): void {
    if (event.type === 'trtc-error') {
      this.#notice = event.detail;
    } else if (event.type === 'trtc-co-anchor-change') {
      const { reason } = event.detail;
      if (reason && reason !== 'cancelled') this.#notice = reason;
      else if (event.detail.state === 'requesting' || event.detail.state === 'starting') this.#notice = null;
    }
    this.dispatchEvent(roomEvent(event.type, event.detail));
    this.requestUpdate();
  }

  #reflectState(state: LiveRoomState): void {
    this.setAttribute('connection-state', state.connectionState);
    this.setAttribute('co-anchor-state', state.coAnchorState);
  }

  /**
   * The status line, whether it reports a problem, and the button it offers: Retry after a
   * failure that trying again may mend, Join again after leaving.
   */
  #status({ connectionState, error }: LiveRoomState): { text: string; problem: boolean; action?: string } {
    const { messages, locale } = this.#locale;
    switch (connectionState) {
      case 'idle':
        return { text: '', problem: false };
      case 'joining':
      case 'reconnecting':
      case 'leaving':
        return { text: messages.status[connectionState], problem: false };
      case 'left':
        return { text: messages.status.left, problem: false, action: messages.joinAgain };
      case 'failed':
        return {
          text: error ? describeError(messages, error, locale) : messages.status.failed,
          problem: true,
          // From the entry's own strings: the file that failed to load may be this locale's strings.
          ...(error?.recoverable !== false && { action: ENTRY_STRINGS[locale].retry }),
        };
      case 'joined':
        if (this.#notice === 'denied') return { text: messages.status.coAnchorDenied, problem: false };
        if (typeof this.#notice === 'string') return { text: messages.requests.ended[this.#notice], problem: false };
        if (this.#notice) return { text: describeError(messages, this.#notice, locale), problem: true };
        return { text: '', problem: false };
    }
  }

  #joinAgain(): void {
    // Reported by the room (status line and `trtc-error`) if it fails again; never rejects.
    void this.join();
  }

  /** Light-DOM children that land in the default slot replace the default layout. */
  #hasOwnLayout(): boolean {
    // Stops at the first such child: a room of many views does not walk them all on every change.
    for (const child of this.children) if (!child.hasAttribute('slot')) return true;
    return false;
  }

  #renderDefaultLayout(state: LiveRoomState) {
    const streams = state.remoteStreams;
    const onStage = state.localStream !== null;
    const tiles = streams.length + (onStage ? 1 : 0);
    const controls = state.coAnchorState === 'previewing' || onStage;
    return html`
      <div part="layout" class="layout">
        <div part="grid" class="grid ${tiles > 1 ? '' : 'single'}">
          ${tiles === 0
            ? html`<div part="empty-tile" class="empty-tile">
                ${state.connectionState !== 'joined'
                  ? nothing
                  : state.joinedRole === 'anchor'
                    ? this.#locale.messages.nobodyOnStage
                    : this.#locale.messages.remote.waiting}
              </div>`
            : nothing}
          ${repeat(
            streams,
            // Keyed, so a tile whose stream stays is never re-created or moved (either would restart its video).
            (stream) => stream.key,
            (stream) => html`<trtc-remote-stream user-id=${stream.userId} stream-type=${stream.type}></trtc-remote-stream>`,
          )}
          ${onStage ? html`<trtc-local-stream></trtc-local-stream>` : nothing}
        </div>
        <div part="toolbar" class="toolbar">
          ${controls ? html`<trtc-mic-toggle></trtc-mic-toggle><trtc-camera-toggle></trtc-camera-toggle>` : nothing}
          <trtc-co-anchor-button></trtc-co-anchor-button>
          ${controls ? html`<trtc-network-quality></trtc-network-quality>` : nothing}
        </div>
        ${controls ? this.#renderDeviceLists(state) : nothing}
      </div>
    `;
  }

  /** While previewing or live, below the toolbar: a phone shows the video, then the buttons, then these. */
  #renderDeviceLists(state: LiveRoomState) {
    return html`
      <div part="controls" class="controls">
        <trtc-device-select kind="camera"></trtc-device-select>
        <trtc-device-select kind="microphone"></trtc-device-select>
        ${state.devices.speakerSelectable ? html`<trtc-device-select kind="speaker"></trtc-device-select>` : nothing}
      </div>
    `;
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.#locale.afterLoading(() => super.scheduleUpdate());
  }

  protected override render() {
    const state = this.#controller.state;
    const { text: status, problem, action } = this.#status(state);
    // The live region is always rendered (only visually hidden when empty) so screen readers
    // already track it when the first message arrives. The button sits beside it, not in it,
    // so the announcement is the sentence alone.
    return html`
      <div part="base" class="base">
        <div part="status" class="status ${problem ? 'error' : ''} ${status ? '' : 'visually-hidden'}"
          ><span role="status">${status}</span>${action
            ? html`<button part="retry-button" class="retry" type="button" @click=${this.#joinAgain}>${action}</button>`
            : nothing}</div
        >
        <div class="own-layout ${this.layout === 'grid' ? 'grid' : ''}">
          <slot @slotchange=${() => this.requestUpdate()}></slot>
        </div>
        ${this.#hasOwnLayout() ? nothing : this.#renderDefaultLayout(state)}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trtc-live-room': TrtcLiveRoomElement;
  }
}
