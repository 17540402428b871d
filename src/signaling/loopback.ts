import { SignalingError } from './errors.js';
import { checkIdentity, checkSendArguments } from './identity.js';
import { Listeners } from './listeners.js';
import type { CoAnchorSignaling, SignalingIdentity, SignalingMessage, Unsubscribe } from './types.js';

/**
 * `CoAnchorSignaling` over `BroadcastChannel`: the users of a room are the instances connected to
 * it in the tabs of one browser profile and origin (several in one page hear each other too).
 * For the offline demo and tests.
 *
 * BroadcastChannel is not a security boundary: any script of the origin can post anything on the
 * channel, so the sender this transport reports is the identity the sending instance connected
 * with, which nothing checks. That is the honest best a channel between tabs can do; a production
 * site uses `TencentChatSignaling` or its own transport, whose server establishes the sender.
 *
 * Presence: every instance says "hello" on connect and then every `heartbeatIntervalMs`, and
 * "bye" when it closes or its page is hidden (`pagehide`: the tab closed or navigated away). A peer
 * is gone after its "bye", or when nothing was heard from it for `peerTimeoutMs` (a crashed tab),
 * and so is a user this instance sent to but never heard from (nobody by that id is there).
 */

/** How quickly a loopback transport notices a peer has gone. */
export interface LoopbackSignalingOptions {
  /** How often an instance says it is still here. Default 1000 ms. */
  heartbeatIntervalMs?: number;
  /** A peer not heard from for this long is gone. Default 3500 ms; must exceed the heartbeat interval. */
  peerTimeoutMs?: number;
}

const DEFAULT_HEARTBEAT_INTERVAL_MS = 1000;
const DEFAULT_PEER_TIMEOUT_MS = 3500;

const FRAME_PROTOCOL = 'trtc-live-elements/signaling-loopback@1';

/** What instances post on a room's channel. */
type Frame =
  | { protocol: typeof FRAME_PROTOCOL; type: 'hello' | 'bye'; from: string; instance: string }
  | { protocol: typeof FRAME_PROTOCOL; type: 'message'; from: string; instance: string; to: string; data: string };

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The frame `data` is, or undefined: the channel is open to every script of the origin. */
function parseFrame(data: unknown): Frame | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { protocol, type, from, instance, to } = data as Record<string, unknown>;
  const payload = (data as Record<string, unknown>).data;
  if (protocol !== FRAME_PROTOCOL || !isText(from) || !isText(instance)) return undefined;
  if (type === 'hello' || type === 'bye') return { protocol, type, from, instance };
  if (type === 'message' && isText(to) && typeof payload === 'string') {
    return { protocol, type, from, instance, to, data: payload };
  }
  return undefined;
}

/** A room's channel: rooms of different apps, and the numeric room 42 and string room "42", never meet. */
function channelName({ sdkAppId, roomId }: SignalingIdentity): string {
  return `${FRAME_PROTOCOL}/${sdkAppId}/${typeof roomId}:${roomId}`;
}

function checkDuration(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`LoopbackSignaling: ${name} must be a positive number of milliseconds`);
  }
  return value;
}

/** The placeholder instance of a user that was sent to but not yet heard from. */
const AWAITED = '';

interface Connection {
  userId: string;
  instance: string;
  channel: BroadcastChannel;
  heartbeat: ReturnType<typeof setInterval>;
  /** When each instance of each peer was last heard from. */
  peers: Map<string, Map<string, number>>;
}

export class LoopbackSignaling implements CoAnchorSignaling {
  readonly #heartbeatIntervalMs: number;
  readonly #peerTimeoutMs: number;
  readonly #messages = new Listeners<SignalingMessage>();
  readonly #departures = new Listeners<string>();
  #connection: Connection | null = null;

  constructor(options: LoopbackSignalingOptions = {}) {
    this.#heartbeatIntervalMs = checkDuration(options.heartbeatIntervalMs, 'heartbeatIntervalMs', DEFAULT_HEARTBEAT_INTERVAL_MS);
    this.#peerTimeoutMs = checkDuration(options.peerTimeoutMs, 'peerTimeoutMs', DEFAULT_PEER_TIMEOUT_MS);
    if (this.#peerTimeoutMs <= this.#heartbeatIntervalMs) {
      throw new TypeError('LoopbackSignaling: peerTimeoutMs must be longer than heartbeatIntervalMs');
    }
  }

  async connect(identity: SignalingIdentity): Promise<void> {
    if (this.#connection) throw new SignalingError('already-connected', 'connect(): already connected');
    const { userId } = checkIdentity(identity);
    if (typeof BroadcastChannel !== 'function') {
      throw new SignalingError('service-error', 'connect(): this browser has no BroadcastChannel');
    }
    const channel = new BroadcastChannel(channelName(identity));
    channel.addEventListener('message', this.#onFrame);
    window.addEventListener('pagehide', this.#onPageHide);
    window.addEventListener('pageshow', this.#onPageShow);
    this.#connection = {
      userId,
      instance: Array.from(crypto.getRandomValues(new Uint32Array(2)), (part) => part.toString(36)).join(''),
      channel,
      heartbeat: setInterval(this.#onHeartbeat, this.#heartbeatIntervalMs),
      peers: new Map(),
    };
    this.#post('hello');
  }

  async send(to: string, data: string): Promise<void> {
    const connection = this.#connection;
    if (!connection) throw new SignalingError('not-connected', 'send(): not connected');
    checkSendArguments(to, data);
    this.#post('message', { to, data });
    if (!connection.peers.has(to)) connection.peers.set(to, new Map([[AWAITED, Date.now()]]));
  }

  onMessage(listener: (message: SignalingMessage) => void): Unsubscribe {
    return this.#messages.add(listener);
  }

  onPeerLeft(listener: (userId: string) => void): Unsubscribe {
    return this.#departures.add(listener);
  }

  async close(): Promise<void> {
    this.#messages.clear();
    this.#departures.clear();
    const connection = this.#connection;
    if (!connection) return;
    this.#post('bye');
    this.#connection = null;
    clearInterval(connection.heartbeat);
    window.removeEventListener('pagehide', this.#onPageHide);
    window.removeEventListener('pageshow', this.#onPageShow);
    connection.channel.removeEventListener('message', this.#onFrame);
    connection.channel.close();
  }

  #post(type: 'hello' | 'bye'): void;
  #post(type: 'message', fields: { to: string; data: string }): void;
  #post(type: Frame['type'], fields?: { to: string; data: string }): void {
    const connection = this.#connection;
    if (!connection) return;
    const frame = { protocol: FRAME_PROTOCOL, type, from: connection.userId, instance: connection.instance, ...fields };
    connection.channel.postMessage(frame);
  }

  readonly #onFrame = (event: MessageEvent<unknown>): void => {
    const connection = this.#connection;
    const frame = parseFrame(event.data);
    // Another tab of this very user is not a peer: its messages are not for this instance either.
    if (!connection || !frame || frame.from === connection.userId) return;
    if (frame.type === 'bye') {
      const instances = connection.peers.get(frame.from);
      instances?.delete(frame.instance);
      instances?.delete(AWAITED);
      if (instances?.size === 0) this.#peerLeft(connection, frame.from);
      return;
    }
    const instances = connection.peers.get(frame.from) ?? new Map<string, number>();
    instances.delete(AWAITED);
    instances.set(frame.instance, Date.now());
    connection.peers.set(frame.from, instances);
    if (frame.type === 'message' && frame.to === connection.userId) {
      this.#messages.emit({ from: frame.from, data: frame.data });
    }
  };

  readonly #onHeartbeat = (): void => {
    const connection = this.#connection;
    if (!connection) return;
    this.#post('hello');
    const silentSince = Date.now() - this.#peerTimeoutMs;
    for (const [userId, instances] of connection.peers) {
      for (const [instance, heardAt] of instances) if (heardAt < silentSince) instances.delete(instance);
      if (instances.size === 0) this.#peerLeft(connection, userId);
    }
  };

  #peerLeft(connection: Connection, userId: string): void {
    connection.peers.delete(userId);
    this.#departures.emit(userId);
  }

  readonly #onPageHide = (): void => {
    this.#post('bye');
  };

  /** Back from the back/forward cache: say hello again, and give peers time to be heard before judging them. */
  readonly #onPageShow = (event: PageTransitionEvent): void => {
    const connection = this.#connection;
    if (!connection || !event.persisted) return;
    this.#post('hello');
    const now = Date.now();
    for (const instances of connection.peers.values()) for (const instance of instances.keys()) instances.set(instance, now);
  };
}
