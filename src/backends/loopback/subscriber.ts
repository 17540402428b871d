import { TrtcErrorCode } from '../error-codes.js';
import type { TrtcClientEventMap } from '../types.js';
import { callAborted, LoopbackError } from './errors.js';
import { randomId } from './ids.js';
import { Downlink, LinkClosedError } from './peer-link.js';
import type { MessageBody } from './protocol.js';
import type { LoopbackRemoteStream } from './remote-stream.js';
import { timings } from './timings.js';

export interface SubscriberHost {
  send(body: MessageBody, to: string): void;
  emit<K extends keyof TrtcClientEventMap>(event: K, payload: TrtcClientEventMap[K]): void;
}

export interface SubscribeOptions {
  audio: boolean;
  video: boolean;
}

interface Subscription {
  readonly stream: LoopbackRemoteStream;
  /** The publishing session. */
  readonly publisher: string;
  readonly options: SubscribeOptions;
  link: Downlink | null;
  /** Settles when the current negotiation does. */
  ready: Promise<void>;
  /** Media has flowed at least once; from then on a lost link is rebuilt rather than failed. */
  established: boolean;
  /** Why it was cancelled, reported by the negotiation that was cut short. */
  cancelled: LoopbackError | null;
}

/**
 * The subscribing half of a session: one downlink per subscribed remote stream. A link that dies
 * under an established subscription (ICE failure, or the publisher forgot it after a signalling
 * outage) is rebuilt without telling the page, as the SDK's downlink reconnection does; only if
 * that fails is DOWNLINK_RECONNECTION_FAILED emitted.
 */
export class Subscriber {
  readonly #subscriptions = new Map<LoopbackRemoteStream, Subscription>();
  readonly #links = new Map<string, Subscription>();

  constructor(private readonly host: SubscriberHost) {}

  has(stream: LoopbackRemoteStream): boolean {
    return this.#subscriptions.has(stream);
  }

  linkIds(): string[] {
    return [...this.#links.keys()];
  }

  /** The current link of every subscription that has one. */
  links(): Downlink[] {
    return [...this.#subscriptions.values()].flatMap((subscription) => (subscription.link ? [subscription.link] : []));
  }

  /** Subscribes, or joins the subscription already under way with the same options. */
  subscribe(stream: LoopbackRemoteStream, publisher: string, options: SubscribeOptions): Promise<void> {
    const current = this.#subscriptions.get(stream);
    if (current && current.options.audio === options.audio && current.options.video === options.video) {
      return current.ready;
    }
    if (current) this.#cancel(current, callAborted('subscribe() was called again with other options'), true);
    const subscription: Subscription = {
      stream,
      publisher,
      options,
      link: null,
      ready: Promise.resolve(),
      established: false,
      cancelled: null,
    };
    this.#subscriptions.set(stream, subscription);
    subscription.ready = this.#negotiate(subscription).then(() => {
      if (this.#subscriptions.get(stream) === subscription) this.host.emit('stream-subscribed', { stream });
    });
    return subscription.ready;
  }

  unsubscribe(stream: LoopbackRemoteStream): void {
    const subscription = this.#subscriptions.get(stream);
    if (subscription) this.#cancel(subscription, callAborted('unsubscribe() was called'), true);
  }

  /** The stream was removed from the room: its subscription ends, a pending one is aborted. */
  drop(stream: LoopbackRemoteStream): void {
    const subscription = this.#subscriptions.get(stream);
    const message = `remote user ${stream.getUserId()} unpublished stream`;
    if (subscription) this.#cancel(subscription, callAborted(message), false);
  }

  /** Ends every subscription, e.g. on leave(): pending subscribe() calls reject with `error`. */
  closeAll(error: LoopbackError): void {
    for (const subscription of [...this.#subscriptions.values()]) this.#cancel(subscription, error, false);
  }

  receiveAnswer(from: string, linkId: string, sdp: string): void {
    const link = this.#links.get(linkId)?.link;
    if (link?.id === linkId && link.peerId === from) link.receiveAnswer(sdp);
  }

  /** The publisher does not publish the stream asked for. */
  refused(from: string, linkId: string): void {
    const subscription = this.#links.get(linkId);
    if (subscription?.link?.peerId !== from) return;
    const error = new LoopbackError(TrtcErrorCode.REMOTE_STREAM_NOT_EXIST, 'remote stream does not exist');
    this.#cancel(subscription, error, false);
  }

  /** `peerId` announced the links it holds: an answered downlink it no longer knows of is dead. */
  reconcile(peerId: string, links: readonly string[]): void {
    for (const subscription of this.#subscriptions.values()) {
      const link = subscription.link;
      if (link?.peerId === peerId && link.answered && !links.includes(link.id)) this.#relink(subscription);
    }
  }

  async #negotiate(subscription: Subscription): Promise<void> {
    const link = new Downlink(randomId(), subscription.publisher);
    link.onFailed = () => this.#relink(subscription);
    subscription.link = link;
    this.#links.set(link.id, subscription);
    try {
      const offer = await link.offer(subscription.options);
      const streamId = subscription.stream.advert.id;
      this.host.send({ type: 'offer', linkId: link.id, streamId, sdp: offer }, subscription.publisher);
      if (!(await link.establish(timings().reconnectTimeoutMs))) {
        throw new LoopbackError(TrtcErrorCode.SUBSCRIPTION_TIMEOUT, 'remote stream subscription timeout');
      }
    } catch (error) {
      this.#discard(subscription, link);
      if (error instanceof LinkClosedError) {
        throw subscription.cancelled ?? callAborted('the subscription was closed');
      }
      if (error instanceof LoopbackError) throw error;
      throw new LoopbackError(TrtcErrorCode.UNKNOWN, `subscription failed: ${String(error)}`);
    }
    subscription.established = true;
    subscription.stream.receive(link.tracks());
  }

  /** Rebuilds the link of an established subscription whose link died. */
  #relink(subscription: Subscription): void {
    const { stream, link } = subscription;
    if (this.#subscriptions.get(stream) !== subscription || !subscription.established || !link) return;
    subscription.established = false;
    this.#discard(subscription, link);
    this.host.send({ type: 'close-link', linkId: link.id }, link.peerId);
    subscription.ready = this.#negotiate(subscription).catch((error: unknown) => {
      if (this.#subscriptions.get(stream) !== subscription) return;
      this.#subscriptions.delete(stream);
      stream.receive(null);
      const reason = error instanceof Error ? error.message : String(error);
      this.host.emit(
        'error',
        new LoopbackError(TrtcErrorCode.DOWNLINK_RECONNECTION_FAILED, `downlink reconnection failed: ${reason}`),
      );
    });
  }

  #cancel(subscription: Subscription, reason: LoopbackError, tellPublisher: boolean): void {
    subscription.cancelled = reason;
    this.#subscriptions.delete(subscription.stream);
    const link = subscription.link;
    if (link) {
      this.#discard(subscription, link);
      if (tellPublisher) this.host.send({ type: 'close-link', linkId: link.id }, link.peerId);
    }
    subscription.stream.receive(null);
  }

  #discard(subscription: Subscription, link: Downlink): void {
    link.close();
    this.#links.delete(link.id);
    if (subscription.link === link) subscription.link = null;
  }
}
