import { TrtcErrorCode, trtcCodeOf } from '../backends/error-codes.js';
import { loadBackend, type BackendName } from '../backends/loader.js';
import type {
  TrtcBackend,
  TrtcClient,
  TrtcClientEventMap,
  TrtcError,
  TrtcHandler,
  TrtcLocalStream,
  TrtcPlayerStateEvent,
  TrtcRemoteStream,
  TrtcUserInfo,
} from '../backends/types.js';
import { ConfigError, parseCredentialsUrl, parseCredentials, validateConfig, type ValidRoomConfig } from './config.js';
import { captureErrorCode, errorDetail, isAutoplayBlocked } from './errors.js';
import { assignStreams, byDocumentOrder } from './remote-views.js';
import type {
  ApproveCoAnchor,
  CoAnchorOptions,
  CoAnchorState,
  LiveRoomConfig,
  LiveRoomErrorDetail,
  LiveRoomEvent,
  LiveRoomEventMap,
  LiveRoomState,
  LocalView,
  RemoteStreamSnapshot,
  RemoteView,
  RoomIdentityDetail,
  StreamType,
} from './types.js';

export interface LiveRoomControllerOptions {
  /** A TRTC-v4-shaped namespace to use; wins over `backend`. */
  sdk?: TrtcBackend;
  backend?: BackendName;
  approveCoAnchor?: ApproveCoAnchor;
  /** Used for `credentialsUrl`; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

type StateListener = (state: LiveRoomState) => void;
type EventListener = (event: LiveRoomEvent) => void;

interface RemoteEntry {
  readonly stream: TrtcRemoteStream;
  readonly detach: () => void;
  /** The view container the stream is playing in, if any. */
  container: HTMLDivElement | null;
  autoplayReported: boolean;
}

interface LocalEntry {
  readonly stream: TrtcLocalStream;
  initialized: boolean;
  published: boolean;
  container: HTMLDivElement | null;
}

/** Everything that belongs to one join: released as a whole on leave. */
interface Session {
  readonly sdk: TrtcBackend;
  readonly client: TrtcClient;
  readonly config: ValidRoomConfig;
  detachClient: () => void;
  readonly remote: Map<string, RemoteEntry>;
  local: LocalEntry | null;
  /** True once this session switched an audience member to anchor for co-anchoring. */
  switchedRole: boolean;
  joined: boolean;
}

const INITIAL_STATE: LiveRoomState = Object.freeze({
  connectionState: 'idle',
  coAnchorState: 'idle',
  role: 'audience',
  roomId: null,
  userId: null,
  remoteStreams: Object.freeze([]),
  localStream: null,
  error: null,
  canPublish: null,
});

function streamKey(userId: string, type: StreamType): string {
  return `${userId}:${type}`;
}

/** The settings of one join: the room's configuration plus the backend it runs on. */
type JoinTarget = LiveRoomConfig & { readonly sdk: TrtcBackend | undefined; readonly backend: string };

function sameTarget(a: JoinTarget, b: JoinTarget): boolean {
  return (
    a.sdk === b.sdk &&
    a.backend === b.backend &&
    String(a.sdkAppId ?? '') === String(b.sdkAppId ?? '') &&
    String(a.roomId ?? '') === String(b.roomId ?? '') &&
    (a.userId ?? '') === (b.userId ?? '') &&
    (a.userSig ?? '') === (b.userSig ?? '') &&
    (a.credentialsUrl ?? '') === (b.credentialsUrl ?? '') &&
    (a.role ?? '') === (b.role ?? '') &&
    Boolean(a.autoPublish) === Boolean(b.autoPublish)
  );
}

function isBackendName(value: string): value is BackendName {
  return value === 'trtc' || value === 'loopback';
}

function shallowEqual<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

/**
 * Owns one TRTC client for one live room and brokers its state to any number of views.
 *
 * Requests come in as method calls and run one at a time; state goes out as frozen snapshots to
 * `subscribe()`rs and discrete events to `listen()`ers. It renders nothing, so a framework can
 * drive it directly. Every failure is reported as a `trtc-error` event and in `state.error`; the
 * returned promises settle once the state has settled and never reject for a reported failure.
 */
export class LiveRoomController {
  sdk: TrtcBackend | undefined;
  backend: BackendName;
  approveCoAnchor: ApproveCoAnchor | undefined;

  #fetch: typeof fetch;
  #state: LiveRoomState = INITIAL_STATE;
  #config: LiveRoomConfig = {};
  #stateListeners = new Set<StateListener>();
  #eventListeners = new Set<EventListener>();
  #queue: Promise<void> = Promise.resolve();
  /** Bumped whenever in-flight work must stop: each async step compares it after every await. */
  #generation = 0;
  /** The settings of the join that is queued, running or done; `join()` with equal ones is a no-op. */
  #joinTarget: JoinTarget | null = null;
  #session: Session | null = null;
  #remoteViews: RemoteView[] = [];
  #shownInView = new Map<RemoteView, RemoteStreamSnapshot | null>();
  #localViews: LocalView[] = [];
  #syncingViews = false;
  #syncAgain = false;

  constructor(options: LiveRoomControllerOptions = {}) {
    this.sdk = options.sdk;
    this.backend = options.backend ?? 'trtc';
    this.approveCoAnchor = options.approveCoAnchor;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  get state(): LiveRoomState {
    return this.#state;
  }

  /** Calls `listener` with each new state (not with the current one). Returns an unsubscribe function. */
  subscribe(listener: StateListener): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** Calls `listener` with each discrete event. Returns a function that stops listening. */
  listen(listener: EventListener): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Stores settings for the next `join()`; a joined room keeps its settings until then. */
  configure(config: LiveRoomConfig): void {
    this.#config = { ...config };
  }

  join(): Promise<void> {
    const target: JoinTarget = { ...this.#config, sdk: this.sdk, backend: this.backend };
    if (this.#joinTarget && sameTarget(this.#joinTarget, target)) {
      return this.#enqueue(async () => {
        if (!this.#session && this.#isSettledOutside()) await this.#join(target, this.#generation);
      });
    }
    this.#joinTarget = target;
    const generation = ++this.#generation;
    return this.#enqueue(async () => {
      if (generation !== this.#generation) return;
      if (this.#session) await this.#leave();
      await this.#join(target, generation);
    });
  }

  leave(): Promise<void> {
    this.#joinTarget = null;
    this.#generation += 1;
    return this.#enqueue(() => this.#leave());
  }

  startCoAnchor(options: CoAnchorOptions = {}): Promise<void> {
    const generation = this.#generation;
    return this.#enqueue(async () => {
      if (generation === this.#generation) await this.#startCoAnchor(options, generation);
    });
  }

  stopCoAnchor(): Promise<void> {
    const generation = this.#generation;
    return this.#enqueue(async () => {
      if (generation === this.#generation) await this.#stopCoAnchor();
    });
  }

  /** Leaves the room and forgets every listener and view. */
  async dispose(): Promise<void> {
    await this.leave();
    this.#stateListeners.clear();
    this.#eventListeners.clear();
    for (const view of this.#remoteViews) this.#stopRemoteIn(view);
    this.#remoteViews = [];
    this.#shownInView.clear();
    this.#localViews = [];
  }

  attachRemoteView(view: RemoteView): () => void {
    this.#remoteViews.push(view);
    this.#shownInView.set(view, null);
    this.#syncRemoteViews();
    return () => {
      const index = this.#remoteViews.indexOf(view);
      if (index === -1) return;
      this.#remoteViews.splice(index, 1);
      this.#stopRemoteIn(view);
      this.#shownInView.delete(view);
      this.#syncRemoteViews();
    };
  }

  attachLocalView(view: LocalView): () => void {
    this.#localViews.push(view);
    this.#syncLocalView();
    return () => {
      const index = this.#localViews.indexOf(view);
      if (index === -1) return;
      this.#localViews.splice(index, 1);
      const local = this.#session?.local;
      if (local?.container === view.container) {
        local.stream.stop();
        local.container = null;
      }
      view.show(false);
      this.#syncLocalView();
    };
  }

  /** Retries playback the browser blocked; call it from a user gesture such as a click. */
  async resumePlayback(key: string): Promise<void> {
    const entry = this.#session?.remote.get(key);
    if (!entry) return;
    try {
      await entry.stream.resume();
    } catch (error) {
      if (!isAutoplayBlocked(error)) throw error;
      return;
    }
    if (this.#session?.remote.get(key) !== entry) return;
    entry.autoplayReported = false;
    this.#patchRemote(key, { autoplayBlocked: false, playing: true });
  }

  // ---- state and events -------------------------------------------------------------------

  /** Every change except the co-anchor state, which goes through #setCoAnchorState to be announced. */
  #setState(patch: Partial<Omit<LiveRoomState, 'coAnchorState'>>): void {
    const next = { ...this.#state, ...patch };
    if (shallowEqual(next, this.#state)) return;
    this.#state = Object.freeze(next);
    for (const listener of [...this.#stateListeners]) this.#safely(() => listener(this.#state));
  }

  #setCoAnchorState(state: CoAnchorState, denied = false): void {
    const previousState = this.#state.coAnchorState;
    if (previousState === state) return;
    this.#state = Object.freeze({ ...this.#state, coAnchorState: state });
    for (const listener of [...this.#stateListeners]) this.#safely(() => listener(this.#state));
    this.#emit('trtc-co-anchor-change', Object.freeze({ state, previousState, denied }));
  }

  #emit<K extends keyof LiveRoomEventMap>(type: K, detail: LiveRoomEventMap[K]): void {
    const event = { type, detail } as LiveRoomEvent;
    for (const listener of [...this.#eventListeners]) this.#safely(() => listener(event));
  }

  #report(detail: LiveRoomErrorDetail): void {
    this.#setState({ error: detail });
    this.#emit('trtc-error', detail);
  }

  /** A page author's listener that throws must not derail the room; surface it asynchronously. */
  #safely(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  #enqueue(operation: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(operation).catch((error: unknown) => {
      this.#report(errorDetail('join-failed', 'Unexpected failure', { cause: error, secrets: this.#secrets() }));
    });
    this.#queue = run;
    return run;
  }

  #secrets(): string[] {
    return [this.#config.userSig ?? '', this.#session?.config.userSig ?? ''].filter(Boolean);
  }

  #isSettledOutside(): boolean {
    const { connectionState } = this.#state;
    return connectionState === 'idle' || connectionState === 'left' || connectionState === 'failed';
  }

  #identity(session: Session): RoomIdentityDetail {
    return Object.freeze({ roomId: session.config.roomId, userId: session.config.userId, role: this.#state.role });
  }

  // ---- joining and leaving ----------------------------------------------------------------

  async #join(requested: JoinTarget, generation: number, credentialRetry = false): Promise<void> {
    const current = () => generation === this.#generation;
    this.#setState({ ...INITIAL_STATE, connectionState: 'joining', canPublish: this.#state.canPublish });

    let config: ValidRoomConfig;
    let fromCredentials = false;
    try {
      if (!requested.sdk && !isBackendName(requested.backend)) {
        throw new ConfigError('backend', 'backend must be "trtc" or "loopback"');
      }
      const credentialsUrl = parseCredentialsUrl(requested.credentialsUrl, document.baseURI);
      if (credentialsUrl) {
        const credentials = await this.#fetchCredentials(credentialsUrl);
        if (!current()) return;
        if (!credentials) return;
        fromCredentials = true;
        config = validateConfig({ ...requested, ...credentials });
      } else {
        config = validateConfig(requested);
      }
    } catch (error) {
      if (!current()) return;
      if (!(error instanceof ConfigError)) throw error;
      this.#setState({ connectionState: 'failed' });
      this.#report(errorDetail('invalid-config', error.message, { field: error.field, recoverable: false }));
      return;
    }
    this.#setState({ roomId: config.roomId, userId: config.userId, role: config.role });

    if (!requested.sdk && typeof globalThis.RTCPeerConnection !== 'function') {
      // Checked before loading a backend, which may not even load without WebRTC. An injected
      // namespace answers for itself through checkSystemRequirements().
      this.#failUnsupported();
      return;
    }

    let sdk: TrtcBackend;
    try {
      sdk = requested.sdk ?? (await loadBackend(requested.backend as BackendName));
    } catch (error) {
      if (!current()) return;
      this.#setState({ connectionState: 'failed' });
      this.#report(errorDetail('join-failed', `Could not load the "${requested.backend}" backend`, { cause: error }));
      return;
    }
    if (!current()) return;

    const support = await sdk.checkSystemRequirements().catch(() => null);
    if (!current()) return;
    const canPublish = Boolean(support?.result && support.detail.isMediaDevicesSupported !== false);
    this.#setState({ canPublish });
    if (!support?.result || support.detail.isWebRTCSupported === false) {
      this.#failUnsupported();
      return;
    }

    const client = sdk.createClient({
      mode: 'live',
      sdkAppId: config.sdkAppId,
      userId: config.userId,
      userSig: config.userSig,
      useStringRoomId: typeof config.roomId === 'string',
      autoSubscribe: false,
      enableAutoPlayDialog: false,
    });
    const session: Session = {
      sdk,
      client,
      config,
      remote: new Map(),
      local: null,
      switchedRole: false,
      joined: false,
      detachClient: () => undefined,
    };
    // Listen before joining, or streams announced during the join are missed.
    session.detachClient = this.#listenToClient(session);
    this.#session = session;

    try {
      await client.join({ roomId: config.roomId, role: config.role });
    } catch (error) {
      if (!current()) return;
      this.#releaseSession(session);
      if (fromCredentials && !credentialRetry && trtcCodeOf(error) === TrtcErrorCode.JOIN_ROOM_FAILED) {
        // The signature may have expired: fetch fresh credentials once and try again.
        await this.#join(requested, generation, true);
        return;
      }
      this.#setState({ connectionState: 'failed' });
      this.#report(
        errorDetail('join-failed', 'Could not join the room', { cause: error, secrets: [config.userSig] }),
      );
      return;
    }
    session.joined = true;
    if (!current()) return;
    this.#setState({ connectionState: 'joined' });
    this.#emit('trtc-joined', this.#identity(session));
    if (config.role === 'anchor' && config.autoPublish) await this.#startCoAnchor({}, generation);
  }

  #failUnsupported(): void {
    this.#setState({ connectionState: 'failed', canPublish: false });
    this.#report(
      errorDetail('unsupported-browser', 'This browser cannot take part in a live room (no WebRTC)', {
        recoverable: false,
      }),
    );
  }

  async #fetchCredentials(url: URL): Promise<{ sdkAppId: number; userId: string; userSig: string } | null> {
    const fail = (message: string, cause?: unknown) => {
      this.#setState({ connectionState: 'failed' });
      this.#report(errorDetail('credentials-failed', message, { cause, field: 'credentials-url' }));
      return null;
    };
    let response: Response;
    try {
      response = await this.#fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    } catch (error) {
      return fail(`Could not fetch credentials from ${url.pathname}`, error);
    }
    if (!response.ok) return fail(`The credentials endpoint ${url.pathname} answered ${response.status}`);
    try {
      return parseCredentials(await response.json());
    } catch (error) {
      return fail(`The credentials from ${url.pathname} are malformed`, error instanceof ConfigError ? undefined : error);
    }
  }

  async #leave(): Promise<void> {
    const session = this.#session;
    if (!session) {
      if (this.#state.connectionState !== 'idle' && this.#state.connectionState !== 'left') {
        this.#setState({ ...INITIAL_STATE, connectionState: 'left', canPublish: this.#state.canPublish });
      }
      return;
    }
    // A join cut short before it was announced (trtc-joined) is not announced as left either.
    const announced = this.#state.connectionState === 'joined' || this.#state.connectionState === 'reconnecting';
    this.#setState({ connectionState: 'leaving' });
    if (this.#state.coAnchorState !== 'idle') this.#setCoAnchorState('stopping');
    const local = session.local;
    if (local?.published) await session.client.unpublish(local.stream).catch(() => undefined);
    const identity = this.#identity(session);
    const wasJoined = session.joined;
    this.#releaseLocal(session);
    if (wasJoined) {
      await session.client.leave().catch(() => undefined);
      session.joined = false;
    }
    this.#releaseSession(session);
    this.#setCoAnchorState('idle');
    this.#setState({ ...INITIAL_STATE, connectionState: 'left', canPublish: this.#state.canPublish });
    if (wasJoined && announced) this.#emit('trtc-left', identity);
  }

  /** Drops every SDK object of a session without waiting on the SDK: for leave, failures and kicks. */
  #releaseSession(session: Session): void {
    this.#releaseLocal(session);
    for (const entry of session.remote.values()) {
      entry.detach();
      entry.stream.stop();
    }
    session.remote.clear();
    session.detachClient();
    const { client } = session;
    if (session.joined) {
      // Kicked or cut off while still in the room: the SDK refuses destroy() (0x1001) until left.
      session.joined = false;
      void client.leave().catch(() => undefined).then(() => destroyQuietly(client));
    } else {
      destroyQuietly(client);
    }
    if (this.#session === session) this.#session = null;
    this.#setState({ remoteStreams: Object.freeze([]) });
    this.#syncRemoteViews();
  }

  #releaseLocal(session: Session): void {
    const local = session.local;
    if (!local) return;
    session.local = null;
    local.stream.stop();
    local.stream.close();
    for (const view of this.#localViews) view.show(false);
    this.#setState({ localStream: null });
  }

  /** The room ended under us (kicked, connection lost): release everything, then say why. */
  #abandon(detail: LiveRoomErrorDetail, onReleased?: () => void): void {
    const session = this.#session;
    if (!session) return;
    this.#generation += 1;
    this.#joinTarget = null;
    this.#releaseSession(session);
    this.#setCoAnchorState('idle');
    this.#setState({ ...INITIAL_STATE, connectionState: 'failed', canPublish: this.#state.canPublish, error: detail });
    onReleased?.();
    this.#emit('trtc-error', detail);
  }

  // ---- SDK events -------------------------------------------------------------------------

  #listenToClient(session: Session): () => void {
    const handlers: { [K in keyof TrtcClientEventMap]?: TrtcHandler<TrtcClientEventMap[K]> } = {
      'stream-added': ({ stream }) => this.#onStreamAdded(session, stream),
      'stream-subscribed': ({ stream }) => this.#onStreamSubscribed(session, stream),
      'stream-removed': ({ stream }) => this.#onStreamRemoved(session, stream),
      'stream-updated': ({ stream }) => this.#onStreamUpdated(session, stream),
      'peer-leave': ({ userId }) => this.#onPeerLeave(session, userId),
      'mute-audio': (event) => this.#onMute(session, event, { audioMuted: true }),
      'unmute-audio': (event) => this.#onMute(session, event, { audioMuted: false }),
      'mute-video': (event) => this.#onMute(session, event, { videoMuted: true }),
      'unmute-video': (event) => this.#onMute(session, event, { videoMuted: false }),
      'connection-state-changed': ({ state }) => {
        const { connectionState } = this.#state;
        if (this.#session !== session || (connectionState !== 'joined' && connectionState !== 'reconnecting')) return;
        if (state === 'RECONNECTING') this.#setState({ connectionState: 'reconnecting' });
        else if (state === 'CONNECTED') this.#setState({ connectionState: 'joined' });
      },
      'client-banned': ({ reason }) => {
        if (this.#session !== session) return;
        const detail = errorDetail('kicked', `Removed from the room (${reason})`, { recoverable: false });
        this.#abandon(detail, () => this.#emit('trtc-kicked', Object.freeze({ reason })));
      },
      error: (error: TrtcError) => {
        if (this.#session !== session) return;
        this.#abandon(errorDetail('connection-lost', 'Lost the connection to the room', { cause: error }));
      },
    };
    type AnyClientEvent = TrtcClientEventMap[keyof TrtcClientEventMap];
    const entries = Object.entries(handlers) as [keyof TrtcClientEventMap, TrtcHandler<AnyClientEvent>][];
    for (const [event, handler] of entries) session.client.on(event, handler);
    return () => {
      for (const [event, handler] of entries) session.client.off(event, handler);
    };
  }

  #snapshotOf(stream: TrtcRemoteStream, previous?: RemoteStreamSnapshot): RemoteStreamSnapshot {
    const userId = stream.getUserId();
    const type = stream.getType();
    return Object.freeze({
      key: streamKey(userId, type),
      userId,
      type,
      hasAudio: stream.hasAudio(),
      hasVideo: stream.hasVideo(),
      audioMuted: previous?.audioMuted ?? false,
      videoMuted: previous?.videoMuted ?? false,
      subscribed: previous?.subscribed ?? false,
      playing: previous?.playing ?? false,
      autoplayBlocked: previous?.autoplayBlocked ?? false,
    });
  }

  #onStreamAdded(session: Session, stream: TrtcRemoteStream): void {
    if (this.#session !== session) return;
    const snapshot = this.#snapshotOf(stream);
    const existing = session.remote.get(snapshot.key);
    if (existing) this.#dropRemote(session, snapshot.key, false);
    const muted = session.client.getRemoteMutedState().find((entry) => entry.userId === snapshot.userId);
    const withMutes =
      muted && snapshot.type === 'main'
        ? Object.freeze({ ...snapshot, audioMuted: muted.audioMuted, videoMuted: muted.videoMuted })
        : snapshot;
    session.remote.set(snapshot.key, {
      stream,
      detach: this.#listenToStream(session, snapshot.key, stream),
      container: null,
      autoplayReported: false,
    });
    this.#setState({ remoteStreams: Object.freeze([...this.#state.remoteStreams, withMutes]) });
    this.#emit('trtc-stream-added', withMutes);
    session.client.subscribe(stream, { audio: true, video: true }).catch((error: unknown) => {
      // A stream removed (or replaced) while subscribing is not a failure the viewer should see.
      if (this.#session !== session || session.remote.get(snapshot.key)?.stream !== stream) return;
      this.#report(
        errorDetail('connection-lost', `Could not receive ${snapshot.userId}'s stream`, { cause: error }),
      );
    });
  }

  #onStreamSubscribed(session: Session, stream: TrtcRemoteStream): void {
    if (this.#session !== session) return;
    const key = streamKey(stream.getUserId(), stream.getType());
    if (!session.remote.has(key)) return;
    this.#patchRemote(key, { subscribed: true });
  }

  #onStreamRemoved(session: Session, stream: TrtcRemoteStream): void {
    if (this.#session !== session) return;
    this.#dropRemote(session, streamKey(stream.getUserId(), stream.getType()), true);
  }

  #onStreamUpdated(session: Session, stream: TrtcRemoteStream): void {
    if (this.#session !== session) return;
    const key = streamKey(stream.getUserId(), stream.getType());
    const previous = this.#state.remoteStreams.find((snapshot) => snapshot.key === key);
    if (!previous) return;
    this.#patchRemote(key, { hasAudio: stream.hasAudio(), hasVideo: stream.hasVideo() });
  }

  #onPeerLeave(session: Session, userId: string): void {
    if (this.#session !== session) return;
    for (const snapshot of this.#state.remoteStreams) {
      if (snapshot.userId === userId) this.#dropRemote(session, snapshot.key, true);
    }
  }

  #onMute(session: Session, { userId }: TrtcUserInfo, patch: Partial<RemoteStreamSnapshot>): void {
    if (this.#session !== session) return;
    const key = streamKey(userId, 'main');
    if (session.remote.has(key)) this.#patchRemote(key, patch);
  }

  #listenToStream(session: Session, key: string, stream: TrtcRemoteStream): () => void {
    const onPlayerState = ({ type, state }: TrtcPlayerStateEvent) => {
      if (this.#session !== session) return;
      const snapshot = this.#state.remoteStreams.find((candidate) => candidate.key === key);
      if (!snapshot) return;
      if (type === 'video' || !snapshot.hasVideo) this.#patchRemote(key, { playing: state === 'PLAYING' });
    };
    const onError = (error: TrtcError) => {
      if (this.#session !== session) return;
      if (isAutoplayBlocked(error)) this.#onAutoplayBlocked(session, key);
    };
    stream.on('player-state-changed', onPlayerState);
    stream.on('error', onError);
    return () => {
      stream.off('player-state-changed', onPlayerState);
      stream.off('error', onError);
    };
  }

  #onAutoplayBlocked(session: Session, key: string): void {
    const entry = session.remote.get(key);
    if (!entry) return;
    this.#patchRemote(key, { autoplayBlocked: true, playing: false });
    if (entry.autoplayReported) return;
    entry.autoplayReported = true;
    const snapshot = this.#state.remoteStreams.find((candidate) => candidate.key === key);
    if (snapshot) this.#emit('trtc-autoplay-blocked', snapshot);
  }

  #patchRemote(key: string, patch: Partial<RemoteStreamSnapshot>): void {
    let changed = false;
    const remoteStreams = this.#state.remoteStreams.map((snapshot) => {
      if (snapshot.key !== key) return snapshot;
      const next = { ...snapshot, ...patch };
      if (shallowEqual(next, snapshot)) return snapshot;
      changed = true;
      return Object.freeze(next);
    });
    if (!changed) return;
    this.#setState({ remoteStreams: Object.freeze(remoteStreams) });
    this.#syncRemoteViews();
  }

  #dropRemote(session: Session, key: string, announce: boolean): void {
    const entry = session.remote.get(key);
    const snapshot = this.#state.remoteStreams.find((candidate) => candidate.key === key);
    if (!entry || !snapshot) return;
    session.remote.delete(key);
    entry.detach();
    entry.stream.stop();
    this.#setState({ remoteStreams: Object.freeze(this.#state.remoteStreams.filter((s) => s.key !== key)) });
    this.#syncRemoteViews();
    if (announce) this.#emit('trtc-stream-removed', snapshot);
  }

  // ---- views ------------------------------------------------------------------------------

  #syncRemoteViews(): void {
    // Playing and stopping patch stream state, which asks for another sync: run those afterwards.
    if (this.#syncingViews) {
      this.#syncAgain = true;
      return;
    }
    this.#syncingViews = true;
    try {
      do {
        this.#syncAgain = false;
        this.#assignRemoteViews();
      } while (this.#syncAgain);
    } finally {
      this.#syncingViews = false;
    }
  }

  #assignRemoteViews(): void {
    const assignment = assignStreams(this.#remoteViews, this.#state.remoteStreams);
    for (const [view, snapshot] of assignment) {
      const shown = this.#shownInView.get(view) ?? null;
      if (shown && shown.key !== snapshot?.key) this.#stopRemoteIn(view);
      if (snapshot?.subscribed) this.#playRemoteIn(view, snapshot.key);
      if (shown !== snapshot) {
        this.#shownInView.set(view, snapshot);
        this.#safely(() => view.show(snapshot));
      }
    }
  }

  #playRemoteIn(view: RemoteView, key: string): void {
    const session = this.#session;
    const entry = session?.remote.get(key);
    if (!session || !entry || entry.container === view.container) return;
    if (entry.container) entry.stream.stop();
    entry.container = view.container;
    entry.stream.play(view.container, { objectFit: view.objectFit, muted: view.muted }).catch((error: unknown) => {
      if (this.#session !== session || session.remote.get(key) !== entry) return;
      if (isAutoplayBlocked(error)) this.#onAutoplayBlocked(session, key);
    });
  }

  #stopRemoteIn(view: RemoteView): void {
    const shown = this.#shownInView.get(view);
    const entry = shown ? this.#session?.remote.get(shown.key) : undefined;
    if (entry?.container === view.container) {
      entry.stream.stop();
      entry.container = null;
      this.#patchRemote(shown!.key, { playing: false });
    }
  }

  #syncLocalView(): void {
    const local = this.#session?.local;
    const session = this.#session;
    const view = [...this.#localViews].sort(byDocumentOrder)[0];
    for (const other of this.#localViews) if (other !== view) other.show(false);
    if (!session || !local?.initialized || !view) return;
    if (local.container === view.container) return;
    if (local.container) local.stream.stop();
    local.container = view.container;
    view.show(true);
    local.stream.play(view.container, { muted: true, mirror: view.mirror }).catch(() => {
      // A muted local preview is never blocked by autoplay policy; a failure leaves it blank.
    });
  }

  // ---- co-anchoring -----------------------------------------------------------------------

  async #startCoAnchor(options: CoAnchorOptions, generation: number): Promise<void> {
    const session = this.#session;
    const current = () => generation === this.#generation && this.#session === session;
    if (!session || this.#state.connectionState !== 'joined' || this.#state.coAnchorState !== 'idle') return;
    const asAudience = this.#state.role === 'audience';

    if (asAudience && this.approveCoAnchor) {
      this.#setCoAnchorState('requesting');
      let approved = false;
      try {
        approved = await this.approveCoAnchor({ roomId: session.config.roomId, userId: session.config.userId });
      } catch {
        approved = false;
      }
      if (!current()) return;
      if (!approved) {
        this.#setCoAnchorState('idle', true);
        return;
      }
    }
    this.#setCoAnchorState('starting');

    const fail = async (code: Parameters<typeof errorDetail>[0], message: string, error: unknown) => {
      await this.#rollBackCoAnchor(session);
      if (!current()) return;
      this.#setCoAnchorState('idle');
      this.#report(errorDetail(code, message, { cause: error, secrets: [session.config.userSig] }));
    };

    if (asAudience) {
      try {
        await session.client.switchRole('anchor');
      } catch (error) {
        if (current()) await fail('switch-role-failed', 'Could not switch to the anchor role', error);
        return;
      }
      session.switchedRole = true;
      if (!current()) return;
      this.#setState({ role: 'anchor' });
    }

    const stream = session.sdk.createStream({
      userId: session.config.userId,
      audio: options.audio !== false,
      video: options.video !== false,
    });
    const local: LocalEntry = { stream, initialized: false, published: false, container: null };
    session.local = local;
    try {
      await stream.initialize();
    } catch (error) {
      if (current()) await fail(captureErrorCode(error), 'Could not start the camera or microphone', error);
      return;
    }
    if (!current() || session.local !== local) {
      // Released while the camera was starting: make sure what it just opened is closed too.
      stream.close();
      return;
    }
    local.initialized = true;
    this.#setState({
      localStream: Object.freeze({ hasAudio: stream.hasAudio(), hasVideo: stream.hasVideo(), published: false }),
    });
    this.#syncLocalView();

    try {
      await session.client.publish(stream);
    } catch (error) {
      if (current()) await fail('publish-failed', 'Could not publish the camera and microphone', error);
      return;
    }
    if (!current() || session.local !== local) return;
    local.published = true;
    this.#setState({
      localStream: Object.freeze({ hasAudio: stream.hasAudio(), hasVideo: stream.hasVideo(), published: true }),
    });
    this.#setCoAnchorState('live');
  }

  /** Undoes whatever a co-anchor start did, in reverse order; failures here change nothing more. */
  async #rollBackCoAnchor(session: Session): Promise<void> {
    const local = session.local;
    if (local?.published) await session.client.unpublish(local.stream).catch(() => undefined);
    this.#releaseLocal(session);
    if (session.switchedRole) {
      session.switchedRole = false;
      await session.client.switchRole('audience').catch(() => undefined);
      if (this.#session === session) this.#setState({ role: 'audience' });
    }
  }

  async #stopCoAnchor(): Promise<void> {
    const session = this.#session;
    if (!session || this.#state.coAnchorState !== 'live') return;
    this.#setCoAnchorState('stopping');
    await this.#rollBackCoAnchor(session);
    if (this.#session !== session) return;
    this.#setCoAnchorState('idle');
  }
}

/** Nothing a page can do about a client that will not tear down; it is dropped either way. */
function destroyQuietly(client: TrtcClient): void {
  try {
    client.destroy();
  } catch {
    // Already destroyed or still busy in the SDK: it holds no media of ours any more.
  }
}
