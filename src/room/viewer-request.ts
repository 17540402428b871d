import { newRequestId, type HostMessage, type ViewerMessage } from '../signaling/protocol.js';
import type { CoAnchorChangeReason } from './types.js';

/** How asking to go on stage ended: approved, one of the reasons it did not, or `failed` (not sent). */
export type RequestAnswer = 'approved' | Exclude<CoAnchorChangeReason, 'removed'> | 'failed';

/** An ask under way: its answer, and a way to withdraw it (the answer is then `cancelled` at once). */
export interface PendingAnswer {
  readonly answer: Promise<RequestAnswer>;
  cancel(): void;
}

/**
 * `answer`, unless `cancel()` comes first: for the `approveCoAnchor` hook, whose answer cannot be
 * withdrawn, only stopped being waited for.
 */
export function cancellable(answer: Promise<RequestAnswer>): PendingAnswer {
  let cancel!: () => void;
  const cancelled = new Promise<RequestAnswer>((resolve) => (cancel = () => resolve('cancelled')));
  return { answer: Promise.race([answer, cancelled]), cancel };
}

/** What a viewer's requests need from its room. */
export interface ViewerRequestOptions {
  /** Sends a message to the host; rejects when it cannot. */
  send(message: ViewerMessage): Promise<void>;
  /** Who answers: a message from anyone else is ignored. */
  hostId: string;
  /** How long to wait for the answer. */
  timeoutMs: number;
  /** The host took this viewer off stage. */
  removed(): void;
  /** A request could not be sent. */
  failed(error: unknown): void;
}

interface Asking {
  requestId: string;
  finish(answer: RequestAnswer): void;
}

/**
 * A viewer's side of co-anchor requests: one request at a time to `hostId`, answered by the host,
 * withdrawn by the viewer, or given up after `timeoutMs` or when the host is gone. Once approved
 * it remembers the request until the viewer is off stage again, so the host can take it off
 * (`remove`) and is told when it leaves (`leave-stage`).
 */
export class ViewerRequests {
  readonly #options: ViewerRequestOptions;
  #asking: Asking | null = null;
  /** The approved request while this viewer is (going) on stage. */
  #onStage: string | null = null;

  constructor(options: ViewerRequestOptions) {
    this.#options = options;
    window.addEventListener('pagehide', this.#onPageHide);
  }

  /** The page is going away: the host need not keep a request nobody will see answered. */
  readonly #onPageHide = (): void => {
    this.cancel();
  };

  /** Asks the host; the answer never rejects. A request still pending is withdrawn first. */
  ask(): PendingAnswer {
    this.cancel();
    const requestId = newRequestId();
    let finish!: (answer: RequestAnswer) => void;
    const answer = new Promise<RequestAnswer>((resolve) => {
      const timer = setTimeout(() => finish('timeout'), this.#options.timeoutMs);
      finish = (result) => {
        if (this.#asking !== asking) return;
        clearTimeout(timer);
        this.#asking = null;
        if (result === 'approved') this.#onStage = requestId;
        resolve(result);
      };
    });
    const asking: Asking = { requestId, finish };
    this.#asking = asking;
    this.#options.send({ kind: 'request', requestId }).catch((error: unknown) => {
      if (this.#asking !== asking) return;
      this.#options.failed(error);
      finish('failed');
    });
    return { answer, cancel: () => this.#cancel(asking) };
  }

  /** Withdraws the pending request, telling the host; false when there is none. */
  cancel(): boolean {
    return this.#asking ? this.#cancel(this.#asking) : false;
  }

  #cancel(asking: Asking): boolean {
    if (this.#asking !== asking) return false;
    asking.finish('cancelled');
    this.#options.send({ kind: 'cancel', requestId: asking.requestId }).catch(() => undefined);
    return true;
  }

  /** A message the transport says came from `from`: only the host's count. */
  receive(from: string, message: HostMessage): void {
    if (from !== this.#options.hostId) return;
    const asking = this.#asking;
    switch (message.kind) {
      case 'approve':
        if (asking?.requestId === message.requestId) asking.finish('approved');
        return;
      case 'deny':
        if (asking?.requestId === message.requestId) asking.finish(message.reason);
        return;
      case 'host-left':
        asking?.finish('host-left');
        return;
      case 'remove':
        if (this.#onStage === null || this.#onStage !== message.requestId) return;
        this.#onStage = null;
        this.#options.removed();
        return;
    }
  }

  /** The transport says `userId` is gone: if it is the host, a pending request is over. */
  peerLeft(userId: string): void {
    if (userId === this.#options.hostId) this.#asking?.finish('host-left');
  }

  /** This viewer is off stage again (stopped, failed to start, left): the host frees the place. */
  offStage(): Promise<void> {
    const requestId = this.#onStage;
    if (requestId === null) return Promise.resolve();
    this.#onStage = null;
    return this.#options.send({ kind: 'leave-stage', requestId }).catch(() => undefined);
  }

  /** Ends what is under way (a pending request is withdrawn, a place on stage given back), telling the host. */
  close(): Promise<void> {
    window.removeEventListener('pagehide', this.#onPageHide);
    const asking = this.#asking;
    const told = asking ? this.#options.send({ kind: 'cancel', requestId: asking.requestId }).catch(() => undefined) : undefined;
    asking?.finish('cancelled');
    return Promise.all([told, this.offStage()]).then(() => undefined);
  }
}
