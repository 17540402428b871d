// Type-checked by test/package/exports.test.ts (through scripts/package-facts.mjs), not by `tsc --noEmit`:
// a site bringing its own co-anchor transport, written against the built `trtc-live-elements/signaling` typings.
import { LoopbackSignaling, parseMessage, TencentChatSignaling } from 'trtc-live-elements/signaling';
import type { CoAnchorSignaling, SignalingIdentity, SignalingMessage } from 'trtc-live-elements/signaling';

export class SiteSignaling implements CoAnchorSignaling {
  readonly #listeners = new Set<(message: SignalingMessage) => void>();
  async connect(identity: SignalingIdentity): Promise<void> {
    identity.userId satisfies string;
    identity.roomId satisfies number | string;
  }
  async send(to: string, data: string): Promise<void> {
    for (const listener of this.#listeners) listener({ from: to, data });
  }
  onMessage(listener: (message: SignalingMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  async close(): Promise<void> {
    this.#listeners.clear();
  }
}

export const transports: CoAnchorSignaling[] = [new SiteSignaling(), new LoopbackSignaling({ peerTimeoutMs: 5000 }), new TencentChatSignaling()];
export const kind = parseMessage('{}', 8888)?.kind;

// @ts-expect-error: a transport must be able to close.
export const incomplete: CoAnchorSignaling = { connect: async () => {}, send: async () => {}, onMessage: () => () => {} };
// @ts-expect-error: a received message's sender is a string the transport sets, not optional.
export const anonymous: SignalingMessage = { data: 'x' };
