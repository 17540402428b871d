import { JOIN_ROOM_FAILED, trtcCodeOf } from '../backends/error-codes.js';
import { BACKEND_NAMES, loadBackend, type BackendName } from '../backends/loader.js';
import type {
  TrtcBackend,
  TrtcClientEventMap,
  TrtcLocalStream,
  TrtcRemoteStream,
  TrtcStreamInfo,
  TrtcUserInfo,
} from '../backends/types.js';
import { ConfigError, validateConfig } from './config.js';
import { fetchCredentials, parseCredentialsUrl, type Credentials } from './credentials.js';
import { captureErrorCode, errorDetail, isAutoplayBlocked } from './errors.js';
import { failureOf, step } from './step-failure.js';
import { streamKey } from './stream-key.js';
import { ViewRouter } from './view-router.js';
import { JoinSession, quietly, type Handlers, type RemoteEntry } from './join-session.js';
import { DeviceError, isDeviceKind, LocalMedia } from './local-media.js';
import { networkQualityLevel, SpeakingDetector, VOLUME_INTERVAL_MS } from './activity.js';
import { INITIAL_STATE, RoomStore, safely, type EventListener, type StateListener } from './room-store.js';
import { RequestSession } from './request-session.js';
import { cancellable, type PendingAnswer } from './viewer-request.js';
import type {
  ApproveCoAnchor,
  CoAnchorChangeReason,
  CoAnchorOptions,
  ConnectionState,
  DeviceKind,
  KickedDetail,
  LiveRoomConfig,
  LiveRoomErrorCode,
  LiveRoomEventMap,
  LiveRoomState,
  LocalView,
  RemoteStreamSnapshot,
  RemoteView,
  RoomIdentityDetail,
} from './types.js';

export interface LiveRoomControllerOptions {
  /** A TRTC-v4-shaped namespace to use; wins over `backend`. */
  sdk?: TrtcBackend;
  backend?: BackendName;
  approveCoAnchor?: ApproveCoAnchor;
  /** Used for `credentialsUrl`; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** How long a co-anchor request waits for the host's answer; default 60 s (tests shorten it). */
  coAnchorRequestTimeoutMs?: number;
}


/** What `#unlessSuperseded()` gives instead of a step's result once a newer request took over. */
const SUPERSEDED = Symbol('superseded');


/** The settings of one join: the room's configuration plus the backend it runs on. */
type JoinTarget = LiveRoomConfig & { readonly sdk: TrtcBackend | undefined; readonly backend: string };

/** Settings that say who joins where and on what: changing one while in the room joins again. */
const IDENTITY: readonly (keyof JoinTarget)[] = ['sdkAppId', 'roomId', 'userId', 'role', 'backend', 'sdk'];

function sameTarget(a: JoinTarget, b: JoinTarget, keys: readonly (keyof JoinTarget)[] = Object.keys({ ...a, ...b }) as (keyof JoinTarget)[]): boolean {
  // Compared as text, the way attributes give them: room-id "8888" is room 8888.
  return keys.every((key) => (key === 'sdk' ? a.sdk === b.sdk : String(a[key] ?? '') === String(b[key] ?? '')));
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
  approveCoAnchor: ApproveCoAnchor | undefined;

  #fetch: typeof fetch | undefined;
  readonly #requestTimeoutMs: number | undefined;
  readonly #store = new RoomStore();
  #config: LiveRoomConfig = {};
  #queue: Promise<void> = Promise.resolve();
  /** Bumped whenever in-flight work must stop: each async step compares it after every await. */
  #generation = 0;
  /** Settles when the generation next changes: what a step the user may never finish races. */
  #superseded: Promise<void>;
  #endGeneration!: () => void;
  /** The settings of the join that is queued, running or done; `join()` with equal ones is a no-op. */
  #joinTarget: JoinTarget | null = null;
  #session: JoinSession | null = null;
  /** The co-anchor requests of the current join, when it has `signaling`. */
  #requests: RequestSession | null = null;
  /** The request (or approval hook) this viewer is waiting on, which pressing again withdraws. */
  #pendingAnswer: PendingAnswer | null = null;
  readonly #router = new ViewRouter({
    remote: (key) => this.#session?.remote.get(key),
    stopped: (key) => this.#patchRemote(key, { playing: false }),
    playFailed: (key, playback, error) => {
      const entry = this.#session?.remote.get(key);
      if (entry === playback && isAutoplayBlocked(error)) this.#onAutoplayBlocked(entry);
    },
  });
  /** This user's camera and microphone (previewing or live) and the device choices. */
  readonly #media = new LocalMedia({
    update: (patch) => this.#setState(patch),
    deviceChanged: (detail) => this.#emit('trtc-device-change', detail),
    failed: (code, cause) => this.#report(code, cause),
    remoteStreams: () => [...(this.#session?.remote.values() ?? [])].map((entry) => entry.stream),
  });
  readonly #speaking = new SpeakingDetector();

  constructor(options: LiveRoomControllerOptions = {}) {
    this.#config = { sdk: options.sdk, backend: options.backend };
    this.approveCoAnchor = options.approveCoAnchor;
    this.#fetch = options.fetch;
    this.#requestTimeoutMs = options.coAnchorRequestTimeoutMs;
    this.#superseded = this.#nextGeneration();
  }

  get state(): LiveRoomState {
    return this.#store.state;
  }

  /** Calls `listener` with each new state (not with the current one). Returns an unsubscribe function. */
  subscribe(listener: StateListener): () => void {
    return this.#store.subscribe(listener);
  }

  /** Calls `listener` with each discrete event. Returns a function that stops listening. */
  listen(listener: EventListener): () => void {
    return this.#store.listen(listener);
  }

  /** A TRTC-v4-shaped namespace to use; wins over `backend`. Setting it is `configure()` with it. */
  get sdk(): TrtcBackend | undefined {
    return this.#config.sdk;
  }

  set sdk(sdk: TrtcBackend | undefined) {
    this.configure({ ...this.#config, sdk });
  }

  /** Which backend to load when no `sdk` is given. Setting it is `configure()` with it. */
  get backend(): BackendName {
    return this.#config.backend ?? 'trtc';
  }

  set backend(backend: BackendName) {
    this.configure({ ...this.#config, backend });
  }

  /**
   * Replaces the settings. Out of the room they wait for `join()`; in the room (joining, joined,
   * reconnecting) a change of who joins where, or on what backend, leaves and joins again, and
   * any other change (a fresh signature, say) waits for the next join. `sdk` and `backend` keep
   * their values unless `config` has them (so the ones given to the constructor stay).
   */
  configure(config: LiveRoomConfig): void {
    this.#config = { sdk: this.#config.sdk, backend: this.#config.backend, ...config };
    const { connectionState } = this.#store.state;
    const inRoom = connectionState === 'joining' || connectionState === 'joined' || connectionState === 'reconnecting';
    if (inRoom && this.#joinTarget && !sameTarget(this.#joinTarget, this.#target(), IDENTITY)) void this.join();
  }

  #target(): JoinTarget {
    return {
      ...this.#config,
      autoPublish: this.#config.autoPublish === true,
      credentialsCrossOrigin: this.#config.credentialsCrossOrigin === true,
      sdk: this.sdk,
      backend: this.backend,
    };
  }

  join(): Promise<void> {
    const target = this.#target();
    if (this.#joinTarget && sameTarget(this.#joinTarget, target)) {
      return this.#enqueue('join', async () => {
        // The browser will not gain WebRTC by trying again: the room keeps saying so, once.
        if (this.#store.state.error?.code === 'unsupported-browser') return;
        // Not in the room and not on the way in or out: join again.
        const { connectionState } = this.#store.state;
        const outside = connectionState === 'idle' || connectionState === 'left' || connectionState === 'failed';
        if (!this.#session && outside) await this.#join(target, this.#generation);
      });
    }
    this.#joinTarget = target;
    const generation = this.#supersede();
    return this.#enqueue('join', async () => {
      if (generation !== this.#generation) return;
      if (this.#session) await this.#leave();
      await this.#join(target, generation);
    });
  }

  leave(): Promise<void> {
    this.#joinTarget = null;
    this.#supersede();
    return this.#enqueue('leave', () => this.#leave());
  }

  startCoAnchor(options: CoAnchorOptions = {}): Promise<void> {
    const generation = this.#generation;
    return this.#enqueue('co-anchor', async () => {
      if (generation === this.#generation) await this.#startCoAnchor(options, generation);
    });
  }

  /** Leaves the stage; while a request waits for its answer, withdraws it at once instead. */
  stopCoAnchor(): Promise<void> {
    this.#pendingAnswer?.cancel();
    const generation = this.#generation;
    return this.#enqueue('co-anchor', async () => {
      if (generation === this.#generation) await this.#stopCoAnchor();
    });
  }

  /** As the host (with `signaling`): lets `userId`, who asked, come on stage (or answers `full`). */
  approveCoAnchorRequest(userId: string): Promise<void> {
    return this.#requests?.host?.approve(userId) ?? Promise.resolve();
  }

  /** As the host: says no to `userId`'s request. */
  denyCoAnchorRequest(userId: string): Promise<void> {
    return this.#requests?.host?.deny(userId) ?? Promise.resolve();
  }

  /** As the host: takes the co-anchor `userId` off stage; their room stops co-anchoring. */
  removeCoAnchor(userId: string): Promise<void> {
    return this.#requests?.host?.remove(userId) ?? Promise.resolve();
  }

  /**
   * Opens camera and microphone and shows them in the local preview without going on stage, so a
   * viewer can check them and pick devices (before joining too); `startCoAnchor()` then goes live
   * with this very stream.
   */
  startPreview(options: CoAnchorOptions = {}): Promise<void> {
    const generation = this.#generation;
    return this.#enqueue('co-anchor', async () => {
      if (generation === this.#generation) await this.#startPreview(options, generation);
    });
  }

  /** Closes the preview (camera and microphone off); on stage it does nothing. */
  stopPreview(): Promise<void> {
    return this.#enqueue('co-anchor', async () => {
      if (this.#store.state.coAnchorState !== 'previewing') return;
      this.#releaseLocal({ coAnchorState: 'idle' });
      if (!this.#session) this.#media.unwatch();
    });
  }

  /** Mutes (false) or unmutes the microphone while previewing or live; the others hear silence. */
  setMicrophoneEnabled(enabled: boolean): Promise<void> {
    this.#media.setEnabled('audio', enabled);
    return Promise.resolve();
  }

  /** Turns the picture off (false) or on while previewing or live, without unpublishing. */
  setCameraEnabled(enabled: boolean): Promise<void> {
    this.#media.setEnabled('video', enabled);
    return Promise.resolve();
  }

  /**
   * Chooses the camera, microphone or speaker (a `deviceId` of `state.devices`): before capture
   * it is what capture opens, while capturing the stream switches in place (still published); a
   * speaker plays every remote stream. An unknown id is a `device-not-found` error and the
   * previous device stays.
   */
  async selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    try {
      if (!isDeviceKind(kind)) throw new DeviceError('invalid-config', `kind must be camera, microphone or speaker, not ${JSON.stringify(kind)}`);
      await this.#media.select(kind, String(deviceId));
    } catch (error) {
      const { code, cause } = error instanceof DeviceError ? { code: error.code, cause: error } : failureOf(error, 'device-not-found');
      this.#report(code, cause);
    }
  }

  /** Leaves the room and forgets every listener and view. */
  async dispose(): Promise<void> {
    await this.leave();
    this.#store.clear();
    this.#router.clear();
  }

  attachRemoteView(view: RemoteView): () => void {
    return this.#router.attachRemote(view);
  }

  attachLocalView(view: LocalView): () => void {
    return this.#router.attachLocal(view);
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

  #setState(patch: Partial<LiveRoomState>, reason: CoAnchorChangeReason | null = null): void {
    this.#store.set(patch, reason);
  }

  /**
   * Back to a fresh state in `connectionState`; whether this browser can publish, and the role
   * last joined with (a host's button still reads as a host's after leaving), stay known.
   * Co-anchoring ends first, in a state of its own, so its change is seen before the room's.
   */
  #reset(connectionState: ConnectionState, patch?: Partial<LiveRoomState>): void {
    // Devices belong to the page, not to a join; a preview outlives joining (a pre-join check).
    const { canPublish, joinedRole, devices, coAnchorState, localStream } = this.#store.state;
    const previewing = connectionState === 'joining' && coAnchorState === 'previewing' && this.#media.entry !== null;
    const kept = previewing ? { coAnchorState, localStream } : ({ coAnchorState: 'idle' } as const);
    if (!previewing) this.#releaseLocal();
    if (connectionState !== 'joining') this.#media.unwatch();
    this.#speaking.clear();
    this.#setState({ coAnchorState: kept.coAnchorState });
    this.#setState({ ...INITIAL_STATE, connectionState, canPublish, joinedRole, devices, ...kept, ...patch });
  }

  #emit<K extends keyof LiveRoomEventMap>(type: K, detail: LiveRoomEventMap[K]): void {
    this.#store.emit(type, detail);
  }

  /**
   * Reports a failure in `state.error` (along with `patch`) and as `trtc-error`. The detail shows
   * neither the configured signature nor the one `session` joined with.
   */
  #report(code: LiveRoomErrorCode, cause?: unknown, patch?: Partial<LiveRoomState>, session = this.#session): void {
    const error = errorDetail(code, cause, [this.#config.userSig, session?.config.userSig]);
    this.#setState({ ...patch, error });
    this.#emit('trtc-error', error);
  }

  #nextGeneration(): Promise<void> {
    return new Promise((resolve) => (this.#endGeneration = resolve));
  }

  /** Stops in-flight work: the running step, even one waiting on the viewer, gives way at once. */
  #supersede(): number {
    this.#endGeneration();
    this.#superseded = this.#nextGeneration();
    return ++this.#generation;
  }

  /**
   * Waits for a step the viewer or the network may never finish (a permission prompt, a host's
   * answer) unless `generation` is superseded first; then it resolves `superseded` at once, and
   * what the step yields later goes to `discard` (so a camera that opens late is closed).
   */
  async #unlessSuperseded<T>(generation: number, pending: Promise<T>, discard: (value: T) => void = () => {}): Promise<T | typeof SUPERSEDED> {
    const giveWay = (): typeof SUPERSEDED => {
      pending.then(discard, () => undefined);
      return SUPERSEDED;
    };
    if (generation !== this.#generation) return giveWay();
    const result = await Promise.race([pending.then((value) => ({ value })), this.#superseded.then(() => null)]);
    return result ? result.value : giveWay();
  }

  /**
   * Runs `operation` after the ones before it. What the SDK throws where no step expected it ends
   * the operation in a settled state named after it: a join in `failed`, a leave in `left`,
   * co-anchoring in `idle` with the camera off.
   */
  #enqueue(kind: 'join' | 'leave' | 'co-anchor', operation: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(operation).catch((error: unknown) => safely(() => this.#settleEscaped(kind, error)));
    this.#queue = run;
    return run;
  }

  #settleEscaped(kind: 'join' | 'leave' | 'co-anchor', error: unknown): void {
    const session = this.#session;
    if (kind === 'co-anchor') {
      this.#releaseLocal({ coAnchorState: 'idle' });
      this.#report('co-anchor-failed', error);
      return;
    }
    if (session) this.#releaseSession(session);
    if (kind === 'join') {
      this.#joinTarget = null;
      this.#setState({ coAnchorState: 'idle' });
      this.#report('join-failed', error, { connectionState: 'failed' }, session);
    } else {
      this.#reset('left');
      this.#report('leave-failed', error, undefined, session);
    }
  }

  #identity(session: JoinSession): RoomIdentityDetail {
    return Object.freeze({ roomId: session.config.roomId, userId: session.config.userId, role: this.#store.state.role });
  }

  // ---- joining and leaving ----------------------------------------------------------------

  async #join(requested: JoinTarget, generation: number, credentialRetry = false): Promise<void> {
    const current = () => generation === this.#generation;
    /** This browser cannot join (unless a newer request took over, which will say so itself). */
    const unsupported = () => {
      if (current()) this.#report('unsupported-browser', undefined, { connectionState: 'failed', canPublish: false });
    };
    this.#reset('joining');

    let credentials: Credentials | undefined;
    let session: JoinSession | undefined;
    try {
      const { backend } = requested;
      const crossOrigin = requested.credentialsCrossOrigin === true;
      const credentialsUrl = await step('invalid-config', () => {
        if (!requested.sdk && !(BACKEND_NAMES as readonly string[]).includes(backend)) throw new ConfigError('backend');
        return parseCredentialsUrl(requested.credentialsUrl, document.baseURI, location.origin, crossOrigin);
      });
      if (credentialsUrl) {
        // The global fetch is looked up when used, so a page may replace it after the room is made.
        const fetching = step('credentials-failed', () => fetchCredentials(credentialsUrl, crossOrigin, this.#fetch ?? fetch));
        const fetched = await this.#unlessSuperseded(generation, fetching);
        if (fetched === SUPERSEDED) return;
        credentials = fetched;
      }
      const config = await step('invalid-config', () => validateConfig({ ...requested, ...credentials }));
      this.#setState({ roomId: config.roomId, userId: config.userId, role: config.role, joinedRole: config.role });

      if (!requested.sdk && typeof globalThis.RTCPeerConnection !== 'function') {
        // Checked before loading a backend, which may not even load without WebRTC. An injected
        // namespace answers for itself through checkSystemRequirements().
        unsupported();
        return;
      }

      const sdk = requested.sdk ?? (await step('chunk-load-failed', () => loadBackend(requested.backend as BackendName)));
      if (!current()) return;

      const support = await sdk.checkSystemRequirements().catch(() => null);
      if (!current()) return;
      const canPublish = Boolean(support?.result && support.detail.isMediaDevicesSupported !== false);
      this.#setState({ canPublish });
      if (!support?.result || support.detail.isWebRTCSupported === false) {
        unsupported();
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
      session = new JoinSession(sdk, client, config, (candidate) => this.#session === candidate);
      // Listen before joining, or streams announced during the join are missed.
      session.listen(this.#clientHandlers(session));
      // A backend that cannot measure volume leaves everyone not speaking; the room goes on.
      quietly(() => client.enableAudioVolumeEvaluation(VOLUME_INTERVAL_MS));
      void this.#media.watch(sdk);
      this.#session = session;
      await client.join({ roomId: config.roomId, role: config.role });
    } catch (error) {
      if (!current()) return;
      // What no step named is the SDK failing to load, create a client or join.
      const { code, cause } = failureOf(error, 'join-failed');
      if (session) {
        this.#releaseSession(session);
        if (credentials && !credentialRetry && trtcCodeOf(cause) === JOIN_ROOM_FAILED) {
          // The signature may have expired: fetch fresh credentials once and try again.
          await this.#join(requested, generation, true);
          return;
        }
      }
      // The join cannot go on: settle in `failed` and say why.
      this.#report(code, cause, { connectionState: 'failed' }, session);
      return;
    }
    session.joined = true;
    if (this.#session !== session) {
      // Released while joining (kicked, cut off): leave the room the late join entered.
      session.release();
      return;
    }
    if (!current()) return;
    this.#openRequests(session);
    this.#setState({ connectionState: 'joined' });
    this.#emit('trtc-joined', this.#identity(session));
    if (session.config.role === 'anchor' && session.config.autoPublish) {
      // Joined either way: a failure to go on stage is not a failed join.
      await this.#startCoAnchor({}, generation).catch((error: unknown) => this.#settleEscaped('co-anchor', error));
    }
  }

  async #leave(): Promise<void> {
    const session = this.#session;
    /** Who to announce as having left: only a join that was announced (trtc-joined) and completed. */
    let left: RoomIdentityDetail | undefined;
    if (session) {
      const { connectionState } = this.#store.state;
      const announced = connectionState === 'joined' || connectionState === 'reconnecting';
      // Off stage as the room is left, in one change. A request still waiting for its answer has
      // nothing to stop: it is withdrawn with the room.
      const { coAnchorState } = this.#store.state;
      if (coAnchorState === 'requesting' || coAnchorState === 'previewing') {
        // Not on stage: a preview (asked from, perhaps) has no stage to step down from, so the
        // camera goes off as the room is left, and a request still waiting is withdrawn.
        this.#releaseLocal({ connectionState: 'leaving', coAnchorState: 'idle' }, coAnchorState === 'requesting' ? 'cancelled' : null);
      } else this.#setState({ connectionState: 'leaving', ...(coAnchorState !== 'idle' && { coAnchorState: 'stopping' }) });
      await this.#closeRequests();
      await this.#closeLocal(session);
      if (session.joined) {
        if (announced) left = this.#identity(session);
        await session.client.leave().catch(() => undefined);
        session.joined = false;
      }
      this.#releaseSession(session);
    } else {
      // A preview before joining: the camera goes off with the room.
      this.#releaseLocal({ coAnchorState: 'idle' });
    }
    this.#media.unwatch();
    if (this.#store.state.connectionState !== 'idle') this.#reset('left');
    if (left) this.#emit('trtc-left', left);
  }

  /** Drops every SDK object of a session without waiting on the SDK: for leave, failures and kicks. */
  #releaseSession(session: JoinSession): void {
    void this.#closeRequests();
    this.#releaseLocal();
    const dropped = session.release();
    if (this.#session === session) this.#session = null;
    this.#publishRemote(session);
    // Whether the SDK announced it (leave) or not (kicked, cut off), a stream that leaves the
    // state is announced once, so a page's list built from the events matches the state.
    for (const { snapshot } of dropped) this.#emit('trtc-stream-removed', snapshot);
  }

  /** Turns the camera and mic off, in one change with `alongside`; says whether they were on. */
  #releaseLocal(alongside: Partial<LiveRoomState> = {}, reason: CoAnchorChangeReason | null = null): boolean {
    const released = this.#media.release();
    if (released) this.#router.localChanged(null);
    this.#setState(released ? { ...alongside, localStream: null } : alongside, reason);
    return released;
  }

  /** The room ended under us (kicked, connection lost): release everything, then say why. */
  #abandon(code: LiveRoomErrorCode, cause?: unknown, kicked?: KickedDetail): void {
    const session = this.#session;
    // Ended while leaving: the leave goes on to `left`, as asked, and a kicked client's leave fails quietly.
    if (!session || this.#store.state.connectionState === 'leaving') return;
    // Made while the session is current, like any report, so its signature is masked too.
    const error = errorDetail(code, cause, [this.#config.userSig, session.config.userSig]);
    this.#supersede();
    this.#joinTarget = null;
    this.#releaseSession(session);
    this.#reset('failed', { error });
    if (kicked) this.#emit('trtc-kicked', kicked);
    this.#emit('trtc-error', error);
  }

  // ---- SDK events -------------------------------------------------------------------------

  /** How the room follows the client's events while `session` is the current one. */
  #clientHandlers(session: JoinSession): Handlers<TrtcClientEventMap> {
    const keyOf = ({ stream }: TrtcStreamInfo) => streamKey(stream.getUserId(), stream.getType());
    const mute = (patch: Partial<RemoteStreamSnapshot>) => ({ userId }: TrtcUserInfo) => {
      // Someone muted is not speaking, whatever the last volume sample said.
      if (patch.audioMuted) this.#speaking.forget(userId);
      this.#patchRemote(streamKey(userId, 'main'), patch.audioMuted ? { ...patch, speaking: false } : patch);
    };
    return {
      'stream-added': ({ stream }) => this.#onStreamAdded(session, stream),
      'stream-subscribed': (event) => {
        this.#patchRemote(keyOf(event), { subscribed: true });
        // Where the speaker cannot be chosen after all, the stream plays on the default one.
        this.#media.routeAudio(event.stream).catch(() => undefined);
      },
      'stream-removed': (event) => this.#dropRemote(session, keyOf(event), true),
      'stream-updated': (event) =>
        this.#patchRemote(keyOf(event), { hasAudio: event.stream.hasAudio(), hasVideo: event.stream.hasVideo() }),
      'peer-leave': ({ userId }) => {
        for (const [key, { snapshot }] of session.remote) if (snapshot.userId === userId) this.#dropRemote(session, key, true);
      },
      'audio-volume': ({ result }) => {
        for (const { userId, audioVolume } of result) {
          const key = streamKey(userId, 'main');
          // Our own voice is not a remote tile's; a stream not (or no longer) in the room has none.
          const flipped = userId === session.config.userId || !session.remote.has(key) ? undefined : this.#speaking.sample(userId, audioVolume);
          if (flipped !== undefined) this.#patchRemote(key, { speaking: flipped && !session.remote.get(key)?.snapshot.audioMuted });
        }
      },
      'network-quality': ({ uplinkNetworkQuality, downlinkNetworkQuality }) => {
        const quality = { uplink: networkQualityLevel(uplinkNetworkQuality), downlink: networkQualityLevel(downlinkNetworkQuality) };
        const { networkQuality } = this.#store.state;
        if (quality.uplink === networkQuality.uplink && quality.downlink === networkQuality.downlink) return;
        this.#setState({ networkQuality: Object.freeze(quality) });
        this.#emit('trtc-network-quality', this.#store.state.networkQuality);
      },
      'mute-audio': mute({ audioMuted: true }),
      'unmute-audio': mute({ audioMuted: false }),
      'mute-video': mute({ videoMuted: true }),
      'unmute-video': mute({ videoMuted: false }),
      'connection-state-changed': ({ state }) => {
        const { connectionState } = this.#store.state;
        if (connectionState !== 'joined' && connectionState !== 'reconnecting') return;
        if (state === 'RECONNECTING') this.#setState({ connectionState: 'reconnecting' });
        else if (state === 'CONNECTED') this.#setState({ connectionState: 'joined' });
      },
      'client-banned': ({ reason }) => this.#abandon('kicked', undefined, Object.freeze({ reason })),
      error: (error) => this.#abandon('connection-lost', error),
    };
  }

  #onStreamAdded(session: JoinSession, stream: TrtcRemoteStream): void {
    const entry = session.addRemote(stream, (entry) => ({
      'player-state-changed': ({ type, state }) => {
        if (type === 'video' || !entry.snapshot.hasVideo) this.#patchRemote(entry.snapshot.key, { playing: state === 'PLAYING' });
      },
      error: (error) => {
        if (isAutoplayBlocked(error)) this.#onAutoplayBlocked(entry);
      },
    }));
    // Views take it up now and play it once it is subscribed.
    this.#publishRemote(session);
    this.#emit('trtc-stream-added', entry.snapshot);
    session.client.subscribe(stream, { audio: true, video: true }).catch((error: unknown) => {
      // A stream removed (or replaced) while subscribing is not a failure the viewer should see.
      if (this.#session === session && session.remote.get(entry.snapshot.key) === entry) this.#report('connection-lost', error);
    });
  }

  /** Marks `entry`, a stream of the current session, as blocked; says so once until resumed. */
  #onAutoplayBlocked(entry: RemoteEntry): void {
    this.#patchRemote(entry.snapshot.key, { autoplayBlocked: true, playing: false });
    if (entry.autoplayReported) return;
    entry.autoplayReported = true;
    this.#emit('trtc-autoplay-blocked', entry.snapshot);
  }

  #patchRemote(key: string, patch: Partial<RemoteStreamSnapshot>): void {
    const changed = this.#session?.patchRemote(key, patch);
    if (!changed) return;
    const { entry, previous } = changed;
    // A copy with one item replaced. Spread, not slice() or map(): V8 copies a frozen array fast
    // only that way, so the cost hardly grows with the number of streams.
    const list = [...this.#store.state.remoteStreams];
    list[list.indexOf(previous)] = entry.snapshot;
    this.#setState({ remoteStreams: Object.freeze(list) });
    this.#router.streamUpdated(entry.snapshot);
  }

  #dropRemote(session: JoinSession, key: string, announce: boolean): void {
    const entry = session.dropRemote(key);
    if (!entry) return;
    this.#publishRemote(session);
    if (announce) this.#emit('trtc-stream-removed', entry.snapshot);
  }

  /** A stream came or went: the session's remote streams become `state.remoteStreams`, and the views follow. */
  #publishRemote(session: JoinSession): void {
    const list = Object.freeze([...session.remote.values()].map((entry) => entry.snapshot));
    const shown = this.#store.state.remoteStreams;
    // The same streams in a new list are no change (a room without streams being left, say).
    if (list.length === shown.length && list.every((snapshot, index) => snapshot === shown[index])) return;
    this.#setState({ remoteStreams: list });
    this.#router.streamsChanged(list);
  }

  // ---- co-anchoring -----------------------------------------------------------------------

  async #startCoAnchor(options: CoAnchorOptions, generation: number): Promise<void> {
    const session = this.#session;
    const current = () => generation === this.#generation && this.#session === session;
    const { coAnchorState: from } = this.#store.state;
    if (!session || this.#store.state.connectionState !== 'joined' || (from !== 'idle' && from !== 'previewing')) return;
    const asAudience = this.#store.state.role === 'audience';

    const asking = asAudience ? this.#askToGoOnStage(session) : null;
    if (asking) {
      this.#setState({ coAnchorState: 'requesting' });
      this.#pendingAnswer = asking;
      const answer = await this.#unlessSuperseded(generation, asking.answer);
      if (this.#pendingAnswer === asking) this.#pendingAnswer = null;
      if (answer === SUPERSEDED || !current()) return;
      if (answer !== 'approved') {
        // A request that could not be sent was reported as `signaling-failed` already.
        this.#setState({ coAnchorState: this.#media.captured ? 'previewing' : 'idle' }, answer === 'failed' ? null : answer);
        return;
      }
    }
    this.#setState({ coAnchorState: 'starting' });

    try {
      if (asAudience) {
        await step('switch-role-failed', () => session.client.switchRole('anchor'));
        session.switchedRole = true;
        if (!current()) return;
        this.#setState({ role: 'anchor' });
      }

      // From a preview, that very stream goes live: no second capture, no second prompt.
      const stream = this.#media.captured ?? (await this.#capture(session.sdk, session.config.userId, options, generation));
      if (!stream || !current()) return;

      await step('publish-failed', () => session.client.publish(stream));
      if (!current()) return;
      // Published and live are one change: no snapshot says published while still starting.
      this.#media.show(true, 'live');
    } catch (error) {
      if (!current()) return;
      await this.#rollBackCoAnchor(session);
      if (!current()) return;
      this.#setState({ coAnchorState: 'idle' });
      const { code, cause } = failureOf(error, 'co-anchor-failed');
      this.#report(code, cause);
    }
  }

  /** The host's answer (with `signaling`) or the approval hook's; null when this viewer need not ask. */
  #askToGoOnStage(session: JoinSession): PendingAnswer | null {
    const viewer = this.#requests?.viewer;
    if (viewer) return viewer.ask();
    const approve = this.approveCoAnchor;
    if (!approve) return null;
    const request = { roomId: session.config.roomId, userId: session.config.userId };
    // A hook that fails says no.
    const approved = Promise.resolve().then(() => approve(request)).catch(() => false);
    return cancellable(approved.then((yes) => (yes ? 'approved' : 'denied')));
  }

  // ---- co-anchor requests (with `signaling`) ----------------------------------------------

  #openRequests(session: JoinSession): void {
    const { requests, sdkAppId, userId, userSig, roomId } = session.config;
    if (!requests) return;
    const current = () => this.#session === session;
    this.#requests = new RequestSession(requests, { sdkAppId, userId, userSig, roomId }, {
      timeoutMs: this.#requestTimeoutMs,
      setState: (patch) => {
        if (current()) this.#setState(patch);
      },
      requested: (detail) => {
        if (current()) this.#emit('trtc-co-anchor-request', detail);
      },
      failed: (error) => {
        if (current()) this.#report('signaling-failed', error);
      },
      removed: () => {
        if (current()) void this.#enqueue('co-anchor', () => this.#stopCoAnchor('removed'));
      },
      subscribe: (listener) => this.#store.subscribe(listener),
    });
  }

  #closeRequests(): Promise<void> {
    const requests = this.#requests;
    this.#requests = null;
    this.#pendingAnswer = null;
    return requests?.close() ?? Promise.resolve();
  }

  /**
   * Captures camera and microphone (with the chosen devices) and shows the preview; null when a
   * newer request took over meanwhile (what opens late is closed on arrival).
   */
  async #capture(sdk: TrtcBackend, userId: string, options: CoAnchorOptions, generation: number): Promise<TrtcLocalStream | null> {
    // What the browser or SDK said tells a denied camera from a missing or busy one.
    const stream = await step(captureErrorCode, () => this.#media.create(sdk, userId, options));
    const capturing = step(captureErrorCode, () => stream.initialize());
    const captured = await this.#unlessSuperseded(generation, capturing, () => stream.close());
    // Only a leave or the room ending (both supersede this request) releases it meanwhile.
    if (captured === SUPERSEDED || generation !== this.#generation || this.#media.entry?.stream !== stream) {
      stream.close();
      return null;
    }
    this.#media.show(false);
    // The preview plays once the camera is initialized, which is when state.localStream appears.
    this.#router.localChanged(this.#media.entry);
    return stream;
  }

  async #startPreview(options: CoAnchorOptions, generation: number): Promise<void> {
    if (this.#store.state.coAnchorState !== 'idle') return;
    const session = this.#session;
    this.#setState({ coAnchorState: 'previewing' });
    try {
      // Before joining, the backend the room would join on opens the camera.
      // Loading it may take the network a while: a leave meanwhile does not wait for it.
      const sdk = session?.sdk ?? this.#config.sdk ?? (await this.#unlessSuperseded(generation, step('invalid-config', () => loadBackend(this.backend))));
      if (sdk === SUPERSEDED || generation !== this.#generation) return;
      if (!(await this.#capture(sdk, session?.config.userId ?? this.#config.userId ?? '', options, generation))) return;
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#releaseLocal({ coAnchorState: 'idle' });
      const { code, cause } = failureOf(error, 'co-anchor-failed');
      this.#report(code, cause);
    }
  }

  /** Undoes whatever a co-anchor start did, in reverse order; failures here change nothing more. */
  async #rollBackCoAnchor(session: JoinSession): Promise<void> {
    await this.#closeLocal(session);
    if (session.switchedRole) {
      session.switchedRole = false;
      await session.client.switchRole('audience').catch(() => undefined);
      if (this.#session === session) this.#setState({ role: 'audience' });
    }
  }

  /** Stops publishing the local stream, if it is published (a failure changes nothing), and releases it. */
  async #closeLocal(session: JoinSession): Promise<void> {
    const stream = this.#media.captured;
    if (stream && this.#store.state.localStream?.published) await session.client.unpublish(stream).catch(() => undefined);
    this.#releaseLocal();
  }

  async #stopCoAnchor(reason: CoAnchorChangeReason | null = null): Promise<void> {
    const session = this.#session;
    if (!session || this.#store.state.coAnchorState !== 'live') return;
    this.#setState({ coAnchorState: 'stopping' });
    await this.#rollBackCoAnchor(session);
    if (this.#session === session) this.#setState({ coAnchorState: 'idle' }, reason);
  }
}
