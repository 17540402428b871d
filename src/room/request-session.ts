import { isHostMessage, isViewerMessage, REQUEST_TIMEOUT_MS } from '../signaling/protocol.js';
import type { SignalingIdentity } from '../signaling/types.js';
import { CoAnchorRequestQueue } from './co-anchor-requests.js';
import type { RequestsConfig } from './config.js';
import { RequestChannel } from './request-channel.js';
import type { CoAnchorRequestDetail, LiveRoomState } from './types.js';
import { ViewerRequests } from './viewer-request.js';

/** How long leaving waits for the last messages (cancel, host-left) to be handed to the transport. */
const FAREWELL_BOUND_MS = 500;

/** What a join's co-anchor requests need from the room. */
export interface RequestSessionHooks {
  /** How long a request waits for its answer (both sides). */
  timeoutMs?: number;
  setState(patch: Partial<LiveRoomState>): void;
  requested(detail: CoAnchorRequestDetail): void;
  /** The transport failed to connect or to send. */
  failed(error: unknown): void;
  /** The host took this viewer off stage. */
  removed(): void;
  /** Follows the room's state, to tell the host when an approved viewer is off stage again. */
  subscribe(listener: (state: LiveRoomState) => void): () => void;
}

/**
 * The co-anchor requests of one join with `signaling`: the channel, and either the host's queue
 * (a room joined as anchor) or the viewer's requests to `hostId` (a room joined as audience,
 * which stays a viewer here while on stage).
 */
export class RequestSession {
  readonly host: CoAnchorRequestQueue | null = null;
  readonly viewer: ViewerRequests | null = null;
  readonly #channel: RequestChannel;
  readonly #unsubscribe: () => void;
  #closing: Promise<void> | undefined;

  constructor(config: RequestsConfig, identity: SignalingIdentity, hooks: RequestSessionHooks) {
    const timeoutMs = hooks.timeoutMs ?? REQUEST_TIMEOUT_MS;
    this.#channel = new RequestChannel(config.signaling, identity, {
      message: (from, message) => {
        if (isViewerMessage(message)) this.host?.receive(from, message);
        else if (isHostMessage(message)) this.viewer?.receive(from, message);
      },
      peerLeft: (userId) => {
        this.host?.peerLeft(userId);
        this.viewer?.peerLeft(userId);
      },
      failed: hooks.failed,
    });
    const { hostId } = config;
    if (hostId === null) {
      this.host = new CoAnchorRequestQueue({
        send: (to, message) => this.#channel.send(to, message),
        maxCoAnchors: config.maxCoAnchors,
        timeoutMs,
        changed: hooks.setState,
        requested: hooks.requested,
        failed: hooks.failed,
      });
    } else {
      this.viewer = new ViewerRequests({
        send: (message) => this.#channel.send(hostId, message),
        hostId,
        timeoutMs,
        removed: hooks.removed,
        failed: hooks.failed,
      });
    }
    const { viewer } = this;
    this.#unsubscribe = viewer
      ? hooks.subscribe(({ coAnchorState }) => {
          if (coAnchorState === 'idle') void viewer.offStage();
        })
      : () => {};
  }

  /** Says goodbye (bounded, never waiting on an answer), then lets go of the transport. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#unsubscribe();
    await bounded((this.host ?? this.viewer)?.close() ?? Promise.resolve(), FAREWELL_BOUND_MS);
    await this.#channel.close();
  }
}

async function bounded(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
