import { encodeMessage, IgnoredMessages, parseMessage, type CoAnchorMessage } from '../signaling/protocol.js';
import type { CoAnchorSignaling, SignalingIdentity, Unsubscribe } from '../signaling/types.js';
import type { SignalingName } from './types.js';

/** What a channel tells its owner. */
export interface ChannelHandlers {
  /** A well-formed message of this room's protocol; `from` is the sender the transport reports. */
  message(from: string, message: CoAnchorMessage): void;
  /** The transport says `userId` is gone (only transports with presence). */
  peerLeft(userId: string): void;
  /** Connecting failed: nothing can be sent or received until the room joins again. */
  failed(error: unknown): void;
}

/**
 * The transport a `signaling` setting names, made when first needed: its module (and, for
 * `tencent-chat`, the Chat SDK after it) is loaded only by a room that uses it. A transport
 * object the page gave is used as it is, and may be connected again on the next join.
 */
async function transportFor(signaling: CoAnchorSignaling | SignalingName): Promise<CoAnchorSignaling> {
  if (typeof signaling !== 'string') return signaling;
  if (signaling === 'loopback') return new (await import('../signaling/loopback.js')).LoopbackSignaling();
  return new (await import('../signaling/tencent-chat.js')).TencentChatSignaling();
}

/**
 * One join's connection to the co-anchor protocol: connects the transport with the room's
 * identity, decodes what arrives (ignoring and counting anything that is not a message of this
 * room's protocol), encodes what is sent, and lets go of everything on `close()`. Nothing here
 * waits on the network beyond what the caller chooses to await.
 */
export class RequestChannel {
  /** Messages that were not of this protocol, version and room, by reason: for debugging. */
  readonly ignored = new IgnoredMessages();
  readonly #roomId: number | string;
  readonly #handlers: ChannelHandlers;
  readonly #ready: Promise<CoAnchorSignaling>;
  #unsubscribes: Unsubscribe[] = [];
  #transport: CoAnchorSignaling | null = null;
  #closed = false;

  constructor(signaling: CoAnchorSignaling | SignalingName, identity: SignalingIdentity, handlers: ChannelHandlers) {
    this.#roomId = identity.roomId;
    this.#handlers = handlers;
    this.#ready = this.#connect(signaling, identity);
    this.#ready.catch((error: unknown) => {
      if (!this.#closed) handlers.failed(error);
    });
  }

  async #connect(signaling: CoAnchorSignaling | SignalingName, identity: SignalingIdentity): Promise<CoAnchorSignaling> {
    const transport = await transportFor(signaling);
    if (this.#closed) throw new Error('closed before connecting');
    this.#transport = transport;
    // Listening before connecting, so nothing sent right after the connection is missed.
    this.#unsubscribes = [
      transport.onMessage(({ from, data }) => {
        const message = parseMessage(data, this.#roomId, this.ignored);
        if (message && !this.#closed) this.#handlers.message(from, message);
      }),
      ...(transport.onPeerLeft ? [transport.onPeerLeft((userId) => !this.#closed && this.#handlers.peerLeft(userId))] : []),
    ];
    await transport.connect(identity);
    return transport;
  }

  /** Sends `message` to `to` once connected; rejects when connecting or sending fails, or after close(). */
  async send(to: string, message: CoAnchorMessage): Promise<void> {
    const transport = await this.#ready;
    if (this.#closed) throw new Error('closed');
    await transport.send(to, encodeMessage(this.#roomId, message));
  }

  /** Disconnects (a connection under way is aborted) and drops every listener at once. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const unsubscribe of this.#unsubscribes.splice(0)) unsubscribe();
    await this.#transport?.close();
  }
}
