import type { HostMessage, ViewerMessage } from '../signaling/protocol.js';
import type { CoAnchorRequestDetail, CoAnchorRequestSnapshot, CoAnchorSnapshot, LiveRoomState } from './types.js';

/** What the host's queue needs from its room. */
export interface HostQueueOptions {
  /** Sends a message to a viewer; rejects when it cannot. */
  send(to: string, message: HostMessage): Promise<void>;
  /** How many approved co-anchors may be on stage at once. */
  maxCoAnchors: number;
  /** How long a request waits for an answer before it expires. */
  timeoutMs: number;
  /** The queue changed: the room's state takes it over. */
  changed(patch: Pick<LiveRoomState, 'coAnchorRequests' | 'coAnchors'>): void;
  /** A request arrived, was withdrawn or expired. */
  requested(detail: CoAnchorRequestDetail): void;
  /** A message to a viewer could not be sent. */
  failed(error: unknown): void;
}

interface Pending {
  requestId: string;
  since: number;
  expiry: ReturnType<typeof setTimeout>;
}

interface OnStage {
  requestId: string;
  since: number;
}

/**
 * The host's side of co-anchor requests: the viewers asking, in arrival order, and the ones it
 * approved who are on stage. Each decision is the host's (`approve`, `deny`, `remove`); the
 * queue answers `full` on its own when an approval would exceed `maxCoAnchors`.
 *
 * The host leaving (`close()`) or its page going away (`pagehide`) ends every pending request on
 * the viewers' side at once with `host-left`: they never wait out the timeout for a host that is gone.
 */
export class CoAnchorRequestQueue {
  readonly #options: HostQueueOptions;
  readonly #pending = new Map<string, Pending>();
  readonly #onStage = new Map<string, OnStage>();
  #closed = false;

  constructor(options: HostQueueOptions) {
    this.#options = options;
    window.addEventListener('pagehide', this.#onPageHide);
  }

  /** A message a viewer sent (the transport says it is `from`). */
  receive(from: string, message: ViewerMessage): void {
    if (this.#closed) return;
    switch (message.kind) {
      case 'request':
        // Asking again (a page reloaded while on stage, say) replaces what the host knew of them.
        this.#drop(from, null);
        this.#onStage.delete(from);
        this.#pending.set(from, {
          requestId: message.requestId,
          since: Date.now(),
          expiry: setTimeout(() => this.#drop(from, 'expired'), this.#options.timeoutMs),
        });
        this.#changed();
        this.#options.requested(Object.freeze({ userId: from, status: 'pending' }));
        return;
      case 'cancel':
        // Only the viewer's own current request: the id of a request it withdrew earlier does nothing.
        if (this.#pending.get(from)?.requestId === message.requestId) this.#drop(from, 'cancelled');
        return;
      case 'leave-stage':
        if (this.#onStage.get(from)?.requestId === message.requestId && this.#onStage.delete(from)) this.#changed();
        return;
    }
  }

  /** The transport says `userId` is gone: its request, or its place on stage, is over. */
  peerLeft(userId: string): void {
    if (this.#closed) return;
    this.#drop(userId, 'cancelled');
    if (this.#onStage.delete(userId)) this.#changed();
  }

  /** Lets `userId` come on stage, or answers `full` when `maxCoAnchors` are on stage already. */
  approve(userId: string): Promise<void> {
    const request = this.#take(userId);
    if (!request) return Promise.resolve();
    if (this.#onStage.size >= this.#options.maxCoAnchors) {
      this.#changed();
      return this.#send(userId, { kind: 'deny', requestId: request.requestId, reason: 'full' });
    }
    this.#onStage.set(userId, { requestId: request.requestId, since: Date.now() });
    this.#changed();
    return this.#send(userId, { kind: 'approve', requestId: request.requestId });
  }

  /** Says no to `userId`'s request. */
  deny(userId: string): Promise<void> {
    const request = this.#take(userId);
    if (!request) return Promise.resolve();
    this.#changed();
    return this.#send(userId, { kind: 'deny', requestId: request.requestId, reason: 'denied' });
  }

  /** Takes the co-anchor `userId` off stage: their room stops co-anchoring. */
  remove(userId: string): Promise<void> {
    const entry = this.#onStage.get(userId);
    if (!entry || this.#closed) return Promise.resolve();
    this.#onStage.delete(userId);
    this.#changed();
    return this.#send(userId, { kind: 'remove', requestId: entry.requestId });
  }

  /** Ends every pending request and stops; resolves when each viewer's `host-left` is handed to the transport. */
  async close(): Promise<void> {
    if (this.#closed) return;
    window.removeEventListener('pagehide', this.#onPageHide);
    const told = this.#endAll();
    this.#closed = true;
    await told;
  }

  /** Tells every viewer still waiting that the host is gone, and forgets them. */
  #endAll(): Promise<void> {
    const waiting = [...this.#pending.keys()];
    for (const userId of waiting) this.#drop(userId, 'expired');
    const told = waiting.map((userId) => this.#options.send(userId, { kind: 'host-left' }).catch(() => undefined));
    return Promise.all(told).then(() => undefined);
  }

  /** The page is going away (and may come back from the back/forward cache): the viewers stop waiting now. */
  readonly #onPageHide = (): void => {
    void this.#endAll();
  };

  /** Removes `userId`'s pending request for an answer; undefined when there is none. */
  #take(userId: string): Pending | undefined {
    const request = this.#pending.get(userId);
    if (!request || this.#closed) return undefined;
    clearTimeout(request.expiry);
    this.#pending.delete(userId);
    return request;
  }

  /** Removes `userId`'s pending request without an answer, saying so with `status` (or silently with null). */
  #drop(userId: string, status: 'cancelled' | 'expired' | null): void {
    if (!this.#take(userId)) return;
    this.#changed();
    if (status) this.#options.requested(Object.freeze({ userId, status }));
  }

  #send(userId: string, message: HostMessage): Promise<void> {
    return this.#options.send(userId, message).catch((error: unknown) => {
      if (!this.#closed) this.#options.failed(error);
    });
  }

  #changed(): void {
    if (this.#closed) return;
    const snapshot = (entries: Map<string, { since: number }>): readonly (CoAnchorRequestSnapshot & CoAnchorSnapshot)[] =>
      Object.freeze([...entries].map(([userId, { since }]) => Object.freeze({ userId, since })));
    this.#options.changed({ coAnchorRequests: snapshot(this.#pending), coAnchors: snapshot(this.#onStage) });
  }
}
