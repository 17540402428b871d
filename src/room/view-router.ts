import type { TrtcPlayOptions, TrtcStream } from '../backends/types.js';
import { streamKey } from './stream-key.js';
import type { LocalView, RemoteStreamSnapshot, RemoteView, StreamType } from './types.js';

/** A stream and the view container it plays in, if any: a stream plays in one place at a time. */
export interface Playback<S extends TrtcStream = TrtcStream> {
  readonly stream: S;
  container: HTMLDivElement | null;
}

/** What the router needs from the room: the streams to play, and where to report playback. */
export interface RouterHost {
  /** The playable remote stream under `key`, while the room has it. */
  remote(key: string): Playback | undefined;
  /** `key` stopped playing in the view it played in. */
  stopped(key: string): void;
  /** Playing `key` failed (for instance, blocked by autoplay policy). */
  playFailed(key: string, playback: Playback, error: unknown): void;
}

/** Sorts views by where their elements stand in the document. */
export function byDocumentOrder(a: { readonly host: Element }, b: { readonly host: Element }): number {
  if (a.host === b.host) return 0;
  // Hosts in different trees (e.g. a room's shadow layout vs. the page) keep attach order.
  const position = a.host.compareDocumentPosition(b.host);
  if (position & Node.DOCUMENT_POSITION_DISCONNECTED) return 0;
  return position & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** Plays `playback` in `container` unless it plays there already (moving it from where it played). */
function playIn(playback: Playback, container: HTMLDivElement, options: TrtcPlayOptions): Promise<void> {
  if (playback.container === container) return Promise.resolve();
  if (playback.container) playback.stream.stop();
  playback.container = container;
  return playback.stream.play(container, options);
}

/** Stops `playback` if it plays in `container`; says whether it did. */
function stopIn(playback: Playback | null | undefined, container: HTMLDivElement): boolean {
  if (playback?.container !== container) return false;
  playback.stream.stop();
  playback.container = null;
  return true;
}

/**
 * Decides which view shows which stream, and plays and stops streams in them. Views naming a user
 * claim that user's stream first; then views without a user, in document order, take the streams
 * nobody claimed, in join order. Views are assigned again only when a view or a stream comes or
 * goes; a change of one stream reaches only the views showing it, whatever the room's size.
 */
export class ViewRouter {
  readonly #host: RouterHost;
  /** The room's remote streams in join order, by key: the latest snapshot of each. */
  #streams = new Map<string, RemoteStreamSnapshot>();
  /** Every attached remote view, in attach order, and the key of the stream it shows. */
  readonly #shown = new Map<RemoteView, string | null>();
  /** The views showing each key (one, unless two views name the same user and type). */
  readonly #viewsOf = new Map<string, Set<RemoteView>>();
  #localViews: LocalView[] = [];
  #local: Playback | null = null;

  constructor(host: RouterHost) {
    this.#host = host;
  }

  attachRemote(view: RemoteView): () => void {
    this.#shown.set(view, null);
    this.#assign();
    return () => {
      if (!this.#shown.has(view)) return;
      const key = this.#shown.get(view) ?? null;
      // Forgotten first, so what stopping it reports does not reach it.
      this.#shown.delete(view);
      this.#unlink(view, key);
      this.#stopIn(view, key);
      this.#assign();
    };
  }

  /** The streams came or went: `streams` is the whole list, in join order. */
  streamsChanged(streams: readonly RemoteStreamSnapshot[]): void {
    this.#streams = new Map(streams.map((stream) => [stream.key, stream]));
    this.#assign();
  }

  /** One stream changed (muted, subscribed, playing…): only the views showing it hear of it. */
  streamUpdated(snapshot: RemoteStreamSnapshot): void {
    if (!this.#streams.has(snapshot.key)) return;
    this.#streams.set(snapshot.key, snapshot);
    for (const view of [...(this.#viewsOf.get(snapshot.key) ?? [])]) {
      if (this.#shown.get(view) !== snapshot.key) continue;
      view.show(snapshot);
      if (snapshot.subscribed) this.#play(view, snapshot.key);
    }
  }

  /** Forgets every view, stopping what plays in them. */
  clear(): void {
    for (const [view, key] of this.#shown) this.#stopIn(view, key);
    this.#shown.clear();
    this.#viewsOf.clear();
    this.#localViews = [];
    this.#local = null;
  }

  attachLocal(view: LocalView): () => void {
    this.#localViews.push(view);
    this.#syncLocal();
    return () => {
      const index = this.#localViews.indexOf(view);
      if (index === -1) return;
      this.#localViews.splice(index, 1);
      stopIn(this.#local, view.container);
      view.show(false);
      this.#syncLocal();
    };
  }

  /** The local stream to preview, once the camera is initialized; null when there is none. */
  localChanged(local: Playback | null): void {
    this.#local = local;
    if (!local) for (const view of this.#localViews) view.show(false);
    this.#syncLocal();
  }

  #syncLocal(): void {
    const local = this.#local;
    const view = [...this.#localViews].sort(byDocumentOrder)[0];
    for (const other of this.#localViews) if (other !== view) other.show(false);
    if (!local || !view || local.container === view.container) return;
    view.show(true);
    playIn(local, view.container, { muted: true, mirror: view.mirror }).catch(() => {
      // A muted local preview is never blocked by autoplay policy; a failure leaves it blank.
    });
  }

  #assign(): void {
    const views = [...this.#shown.keys()].sort(byDocumentOrder);
    const assignment = new Map<RemoteView, string | null>();
    const claimed = new Set<string>();
    const named = views.filter((view) => view.userId);
    for (const view of named) {
      const key = streamKey(view.userId, view.streamType);
      const free = this.#streams.has(key) && !claimed.has(key);
      if (free) claimed.add(key);
      assignment.set(view, free ? key : null);
    }
    // Streams a named view is waiting for stay reserved for it even before they come.
    const reserved = new Set(named.map((view) => streamKey(view.userId, view.streamType)));
    const unclaimed: Record<StreamType, string[]> = { main: [], auxiliary: [] };
    for (const { key, type } of this.#streams.values()) if (!claimed.has(key) && !reserved.has(key)) unclaimed[type].push(key);
    const next: Record<StreamType, number> = { main: 0, auxiliary: 0 };
    for (const view of views) {
      if (!view.userId) assignment.set(view, unclaimed[view.streamType][next[view.streamType]++] ?? null);
    }
    for (const [view, key] of assignment) {
      const previous = this.#shown.get(view) ?? null;
      if (previous === key) continue;
      this.#unlink(view, previous);
      this.#shown.set(view, key);
      if (key) this.#link(view, key);
      this.#stopIn(view, previous);
      const snapshot = key ? this.#streams.get(key) ?? null : null;
      view.show(snapshot);
      if (snapshot?.subscribed) this.#play(view, snapshot.key);
    }
  }

  #link(view: RemoteView, key: string): void {
    let views = this.#viewsOf.get(key);
    if (!views) this.#viewsOf.set(key, (views = new Set()));
    views.add(view);
  }

  #unlink(view: RemoteView, key: string | null): void {
    if (!key) return;
    const views = this.#viewsOf.get(key);
    views?.delete(view);
    if (views?.size === 0) this.#viewsOf.delete(key);
  }

  #play(view: RemoteView, key: string): void {
    const playback = this.#host.remote(key);
    if (!playback || playback.container === view.container) return;
    playIn(playback, view.container, { objectFit: view.objectFit, muted: view.muted }).catch((error: unknown) =>
      this.#host.playFailed(key, playback, error),
    );
  }

  #stopIn(view: RemoteView, key: string | null): void {
    if (key && stopIn(this.#host.remote(key), view.container)) this.#host.stopped(key);
  }
}
