import { channelName, parseMessage, PROTOCOL } from './protocol.js';
import type { Message, MessageBody } from './protocol.js';

let ignoredMessages = 0;

/** How many malformed or foreign messages loopback clients of this page have ignored so far. */
export function ignoredMessageCount(): number {
  return ignoredMessages;
}

/**
 * One session's BroadcastChannel to its room. Every client opens its own channel object, which
 * is what lets several clients in one page hear each other (a channel never hears itself).
 *
 * A channel can be silenced to simulate a lost signalling connection: what is sent is dropped and
 * what arrives is lost, while the media links keep flowing, as with a dropped WebSocket.
 */
export class SignalChannel {
  readonly #channel: BroadcastChannel;
  readonly #sdkAppId: number;
  readonly #room: string;
  readonly #self: string;
  readonly #deliver: (message: Message) => void;
  /** Signalling lost (test hook): nothing goes out, nothing comes in. */
  silenced = false;
  #closed = false;

  constructor(sdkAppId: number, room: string, self: string, deliver: (message: Message) => void) {
    this.#sdkAppId = sdkAppId;
    this.#room = room;
    this.#self = self;
    this.#deliver = deliver;
    this.#channel = new BroadcastChannel(channelName(sdkAppId, room));
    this.#channel.addEventListener('message', this.#onMessage);
    this.#channel.addEventListener('messageerror', this.#onUnreadable);
  }

  /** Posts to one session (`to`) or to the whole room; dropped while silenced or closed. */
  send(body: MessageBody, to: string | null = null): void {
    if (this.silenced || this.#closed) return;
    const message: Message = { protocol: PROTOCOL, sdkAppId: this.#sdkAppId, room: this.#room, from: this.#self, to, ...body };
    this.#channel.postMessage(message);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#channel.removeEventListener('message', this.#onMessage);
    this.#channel.removeEventListener('messageerror', this.#onUnreadable);
    this.#channel.close();
  }

  readonly #onMessage = (event: MessageEvent<unknown>): void => {
    const message = parseMessage(event.data);
    const foreign =
      !message || message.sdkAppId !== this.#sdkAppId || message.room !== this.#room || message.from === this.#self;
    if (foreign) {
      ignoredMessages += 1;
      return;
    }
    if (this.silenced || (message.to !== null && message.to !== this.#self)) return;
    this.#deliver(message);
  };

  readonly #onUnreadable = (): void => {
    ignoredMessages += 1;
  };
}
