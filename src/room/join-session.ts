import type {
  TrtcBackend,
  TrtcClient,
  TrtcClientEventMap,
  TrtcHandler,
  TrtcRemoteStream,
  TrtcStreamEventMap,
} from '../backends/types.js';
import type { ValidRoomConfig } from './config.js';
import { shallowEqual } from './room-store.js';
import { streamKey } from './stream-key.js';
import type { RemoteStreamSnapshot } from './types.js';
import type { Playback } from './view-router.js';

/** A remote stream of the session and what `state.remoteStreams` says about it. */
export interface RemoteEntry extends Playback<TrtcRemoteStream> {
  snapshot: RemoteStreamSnapshot;
  readonly detach: () => void;
  autoplayReported: boolean;
}

/** Something with TRTC-style `on`/`off` for the events in `M`: a client or a stream. */
interface Emitter<M> {
  on<K extends keyof M>(event: K, handler: TrtcHandler<M[K]>): void;
  off<K extends keyof M>(event: K, handler: TrtcHandler<M[K]>): void;
}

export type Handlers<M> = { [K in keyof M]?: TrtcHandler<M[K]> };

/**
 * Runs a release step whose failure nothing can be done about (a client already destroyed, a
 * player already stopped): what is released is dropped either way.
 */
export function quietly(release: () => void): void {
  try {
    release();
  } catch {
    // The SDK object is forgotten all the same; it holds no media of ours any more.
  }
}

/**
 * Everything that belongs to one join: the client, the listeners on it and its streams, the remote
 * streams by key (in join order). Released as a whole; its listeners act
 * only while `isCurrent()` says the session is still the room's.
 */
export class JoinSession {
  readonly remote = new Map<string, RemoteEntry>();
  /** True once this session switched an audience member to anchor for co-anchoring. */
  switchedRole = false;
  /** True from a completed `client.join()` until the client left. */
  joined = false;
  #detachClient: () => void = () => {};

  constructor(
    readonly sdk: TrtcBackend,
    readonly client: TrtcClient,
    readonly config: ValidRoomConfig,
    private readonly isCurrent: (session: JoinSession) => boolean,
  ) {}

  /** Follows the client's events until release (listen before joining, or early streams are missed). */
  listen(handlers: Handlers<TrtcClientEventMap>): void {
    this.#detachClient = this.#follow(this.client, handlers);
  }

  /**
   * Adds `stream` under its key (replacing a stream published again under it), following its
   * events with `handlers(entry)` until it is dropped. Returns the new entry.
   */
  addRemote(stream: TrtcRemoteStream, handlers: (entry: RemoteEntry) => Handlers<TrtcStreamEventMap>): RemoteEntry {
    const userId = stream.getUserId();
    const type = stream.getType();
    const key = streamKey(userId, type);
    this.dropRemote(key);
    // Mutes announced before we heard of the stream are only in the client's record.
    const muted = type === 'main' ? this.client.getRemoteMutedState().find((entry) => entry.userId === userId) : undefined;
    const entry: RemoteEntry = {
      stream,
      snapshot: Object.freeze({
        key,
        userId,
        type,
        hasAudio: stream.hasAudio(),
        hasVideo: stream.hasVideo(),
        audioMuted: muted?.audioMuted ?? false,
        videoMuted: muted?.videoMuted ?? false,
        subscribed: false,
        playing: false,
        autoplayBlocked: false,
        speaking: false,
      }),
      container: null,
      autoplayReported: false,
      // Removed when the entry is dropped, so while they run `entry` is the stream's current entry.
      detach: () => detach(),
    };
    const detach = this.#follow(stream, handlers(entry));
    this.remote.set(key, entry);
    return entry;
  }

  /** Applies `patch` to the snapshot under `key`; returns the snapshot it replaced, if it changed. */
  patchRemote(key: string, patch: Partial<RemoteStreamSnapshot>): { entry: RemoteEntry; previous: RemoteStreamSnapshot } | undefined {
    const entry = this.remote.get(key);
    if (!entry) return undefined;
    const next = { ...entry.snapshot, ...patch };
    if (shallowEqual(next, entry.snapshot)) return undefined;
    const previous = entry.snapshot;
    entry.snapshot = Object.freeze(next);
    return { entry, previous };
  }

  /** Stops and forgets the stream under `key`; returns it if there was one. */
  dropRemote(key: string): RemoteEntry | undefined {
    const entry = this.remote.get(key);
    if (!entry) return undefined;
    this.remote.delete(key);
    entry.detach();
    quietly(() => entry.stream.stop());
    return entry;
  }

  /**
   * Drops every SDK object without waiting on the SDK (for leave, failures and kicks); returns the
   * remote streams it dropped, in join order. (The local stream is LocalMedia's: it outlives a join.)
   */
  release(): RemoteEntry[] {
    const dropped = [...this.remote.keys()].map((key) => this.dropRemote(key)!);
    this.#detachClient();
    const { client } = this;
    if (this.joined) {
      // Kicked or cut off while still in the room: the SDK refuses destroy() (0x1001) until left.
      this.joined = false;
      void Promise.resolve()
        .then(() => client.leave())
        .catch(() => undefined)
        .then(() => quietly(() => client.destroy()));
    } else {
      quietly(() => client.destroy());
    }
    return dropped;
  }

  #follow<M>(target: Emitter<M>, handlers: Handlers<M>): () => void {
    type AnyHandler = TrtcHandler<M[keyof M]>;
    const entries = Object.entries(handlers).map(([event, handler]): [keyof M, AnyHandler] => [
      event as keyof M,
      // Events of a session that has been left (late, or queued in the SDK) change nothing.
      (payload) => this.isCurrent(this) && (handler as AnyHandler)(payload),
    ]);
    for (const [event, handler] of entries) target.on(event, handler);
    return () => {
      for (const [event, handler] of entries) target.off(event, handler);
    };
  }
}
