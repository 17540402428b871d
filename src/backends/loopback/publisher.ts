import type { LoopbackLocalStream } from './local-stream.js';
import { LinkClosedError, Uplink } from './peer-link.js';
import type { LinkTracks } from './peer-link.js';
import type { MessageBody, StreamAdvert } from './protocol.js';

export interface PublisherHost {
  send(body: MessageBody, to: string): void;
  /** The published stream's tracks or mute state changed: the room must be told. */
  streamChanged(): void;
}

function tracksOf(stream: LoopbackLocalStream): LinkTracks {
  return { audio: stream.getAudioTrack(), video: stream.getVideoTrack() };
}

/**
 * The publishing half of a session: the published local stream and one uplink per subscriber.
 * Subscribers come to it (their offers), so publishing itself only changes what is announced.
 */
export class Publisher {
  #stream: LoopbackLocalStream | null = null;
  readonly #uplinks = new Map<string, Uplink>();

  constructor(private readonly host: PublisherHost) {}

  get stream(): LoopbackLocalStream | null {
    return this.#stream;
  }

  publish(stream: LoopbackLocalStream): void {
    this.#stream = stream;
    stream.onPublishedChange = this.#streamChanged;
  }

  /** Stops publishing: every uplink closes (subscribers learn it from the announce that follows). */
  unpublish(): void {
    if (this.#stream) this.#stream.onPublishedChange = null;
    this.#stream = null;
    for (const uplink of this.#uplinks.values()) uplink.close();
    this.#uplinks.clear();
  }

  advert(): StreamAdvert | null {
    return this.#stream?.advert() ?? null;
  }

  linkIds(): string[] {
    return [...this.#uplinks.keys()];
  }

  links(): Uplink[] {
    return [...this.#uplinks.values()];
  }

  /** A subscriber's offer: answer it with the stream's tracks, or refuse if that stream is not published. */
  async answer(from: string, linkId: string, streamId: string, sdp: string): Promise<void> {
    if (this.#uplinks.has(linkId)) return;
    const stream = this.#stream;
    if (!stream || stream.getId() !== streamId) {
      this.host.send({ type: 'refuse', linkId }, from);
      return;
    }
    const uplink = new Uplink(linkId, from);
    uplink.onFailed = () => this.#close(uplink);
    this.#uplinks.set(linkId, uplink);
    try {
      const answer = await uplink.answer(sdp, tracksOf(stream));
      this.host.send({ type: 'answer', linkId, sdp: answer }, from);
    } catch (error) {
      // Closed meanwhile: unpublished, the subscriber went away, or the session ended.
      if (error instanceof LinkClosedError) return;
      this.#close(uplink);
      this.host.send({ type: 'refuse', linkId }, from);
    }
  }

  /** The subscriber no longer wants the link. */
  closeLink(from: string, linkId: string): void {
    const uplink = this.#uplinks.get(linkId);
    if (uplink?.peerId === from) this.#close(uplink);
  }

  closeLinksTo(peerId: string): void {
    for (const uplink of this.#uplinks.values()) if (uplink.peerId === peerId) this.#close(uplink);
  }

  /** `peerId` announced the links it holds: an uplink it no longer knows of is dead. */
  reconcile(peerId: string, links: readonly string[]): void {
    for (const uplink of this.#uplinks.values()) {
      if (uplink.peerId === peerId && !links.includes(uplink.id)) this.#close(uplink);
    }
  }

  #close(uplink: Uplink): void {
    uplink.close();
    this.#uplinks.delete(uplink.id);
  }

  readonly #streamChanged = (): void => {
    const stream = this.#stream;
    if (!stream) return;
    const tracks = tracksOf(stream);
    for (const uplink of this.#uplinks.values()) {
      // Only a link closing meanwhile can fail this, and a closed link needs no tracks.
      uplink.replaceTracks(tracks).catch(() => undefined);
    }
    this.host.streamChanged();
  };
}
