import type { Scene, TRTCEventTypes, UserRole } from 'trtc-sdk-v5';
import { Emitter } from '../emitter.js';
import type {
  TrtcClient,
  TrtcClientConfig,
  TrtcClientEventMap,
  TrtcConnectionState,
  TrtcHandler,
  TrtcJoinOptions,
  TrtcLocalStream,
  TrtcNetworkQuality,
  TrtcRemoteMutedState,
  TrtcRemoteStream,
  TrtcRole,
} from '../types.js';
import { invalidOperation, invalidParameter, notSupported, toV4Error, v5Call } from './errors.js';
import { V5LocalStream } from './local-stream.js';
import { V5RemoteStream } from './remote-stream.js';
import { asV5, type V5Instance, type V5Sdk, type V5StreamType } from './sdk.js';

export function checkClientConfig(config: TrtcClientConfig | undefined): asserts config is TrtcClientConfig {
  const { mode, sdkAppId, userId, userSig } = config ?? ({} as Partial<TrtcClientConfig>);
  if (mode !== 'live' && mode !== 'rtc') throw invalidParameter('createClient() needs mode "live" or "rtc"');
  if (typeof sdkAppId !== 'number' || !Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) {
    throw invalidParameter('createClient() needs a numeric sdkAppId');
  }
  if (typeof userId !== 'string' || userId === '') throw invalidParameter('createClient() needs a userId');
  if (typeof userSig !== 'string') throw invalidParameter('createClient() needs a userSig');
}

/** v4's and v5's default 'audio-volume' interval. */
const DEFAULT_VOLUME_INTERVAL_MS = 2000;

const isRole = (role: unknown): role is TrtcRole => role === 'anchor' || role === 'audience';

type V5Handlers = { [K in keyof TRTCEventTypes]?: (...args: TRTCEventTypes[K]) => void };

/**
 * A v4 client over one v5 instance. v4 announces remote streams (`stream-added`, `-removed`,
 * `-updated`) and their mutes; v5 announces, per user, whether audio and each video type are
 * available. This keeps one v4 stream per user and type while anything of it is available: a
 * kind that comes is `stream-updated` the first time and `unmute-*` after; a kind that goes is
 * `mute-*` while the other stays, and the stream is removed when neither does.
 */
export class V5Client implements TrtcClient {
  readonly trtc: V5Instance;
  readonly #sdk: V5Sdk;
  readonly #config: TrtcClientConfig;
  readonly #events = new Emitter<TrtcClientEventMap>();
  /** Remote streams by `userId:type`. */
  readonly #remote = new Map<string, V5RemoteStream>();
  readonly #detach: () => void;
  readonly #onDestroy: () => void;
  #connection: TrtcConnectionState = 'DISCONNECTED';
  #volume: { interval: number; enableInBackground: boolean } | null = null;
  #local: V5LocalStream | null = null;
  #joined = false;
  #destroyed = false;

  constructor(sdk: V5Sdk, config: TrtcClientConfig, onDestroy: () => void) {
    checkClientConfig(config);
    this.#sdk = sdk;
    this.#config = { ...config };
    this.#onDestroy = onDestroy;
    this.trtc = sdk.create({ enableAutoPlayDialog: false });
    this.#detach = this.#listen();
  }

  get userId(): string {
    return this.#config.userId;
  }

  async join(options: TrtcJoinOptions): Promise<void> {
    if (this.#destroyed) throw invalidOperation('join() after destroy()');
    if (!options || typeof options !== 'object') throw invalidParameter('join() needs { roomId }');
    const { roomId, role } = options;
    if (role !== undefined && !isRole(role)) throw invalidParameter(`join() with an unknown role "${String(role)}"`);
    // v4 refuses at once in a browser without WebRTC; v5 would try Tencent Cloud first.
    if (typeof globalThis.RTCPeerConnection !== 'function') throw notSupported('join() needs WebRTC, which this browser lacks');
    const { sdkAppId, userId, userSig, mode, useStringRoomId } = this.#config;
    // v5 checks the room id itself (range, characters) against the field it is given.
    const room = useStringRoomId ? { strRoomId: roomId as string } : { roomId: roomId as number };
    await v5Call(() =>
      this.trtc.enterRoom({
        sdkAppId,
        userId,
        userSig,
        ...room,
        scene: asV5<Scene>(mode),
        ...(role && { role: asV5<UserRole>(role) }),
        // v4 receives nothing until subscribed and played: see V5RemoteStream.
        autoReceiveAudio: false,
        autoReceiveVideo: false,
        enableAutoPlayDialog: false,
      }),
    );
    this.#joined = true;
    if (this.#volume) this.#applyVolumeEvaluation();
  }

  #applyVolumeEvaluation(): void {
    const on = this.#joined ? this.#volume : null;
    this.trtc.enableAudioVolumeEvaluation(on?.interval ?? -1, on?.enableInBackground ?? false);
  }

  async leave(): Promise<void> {
    if (this.#destroyed) return;
    this.#joined = false;
    this.#dropAll();
    this.#applyVolumeEvaluation();
    await v5Call(() => this.trtc.exitRoom());
  }

  async publish(stream: TrtcLocalStream): Promise<void> {
    if (!(stream instanceof V5LocalStream)) throw invalidParameter('publish() needs a stream made by createStream()');
    if (!this.#joined) throw invalidOperation('publish() before join()');
    if (stream.trtc !== this.trtc) {
      throw invalidOperation(`publish() of a stream not captured for this client: createStream({ userId: '${this.userId}' }) before initialize()`);
    }
    await stream.publish();
  }

  async unpublish(stream: TrtcLocalStream): Promise<void> {
    if (stream instanceof V5LocalStream && stream.trtc === this.trtc) await stream.unpublish();
  }

  async subscribe(stream: TrtcRemoteStream, options?: { audio?: boolean; video?: boolean }): Promise<void> {
    if (!(stream instanceof V5RemoteStream)) throw invalidParameter('subscribe() needs a remote stream of this client');
    await stream.subscribe(options);
    if (this.#remote.get(this.#keyOf(stream)) === stream) this.#events.emit('stream-subscribed', { stream });
  }

  async unsubscribe(stream: TrtcRemoteStream): Promise<void> {
    if (!(stream instanceof V5RemoteStream)) throw invalidParameter('unsubscribe() needs a remote stream of this client');
    await stream.unsubscribe();
  }

  async switchRole(role: TrtcRole): Promise<void> {
    if (!isRole(role)) throw invalidParameter(`switchRole() to an unknown role "${String(role)}"`);
    if (this.#config.mode !== 'live') throw invalidParameter('switchRole() outside live mode');
    if (!this.#joined) throw invalidOperation('switchRole() before join()');
    await v5Call(() => this.trtc.switchRole(asV5<UserRole>(role)));
  }

  /**
   * v5's own evaluation on this client's instance (its shortest interval is 100 ms, v4's 16), on
   * while in a room: leave() turns it off and the next join() on again, as the loopback does.
   */
  enableAudioVolumeEvaluation(interval = DEFAULT_VOLUME_INTERVAL_MS, enableInBackground = false): void {
    if (typeof interval !== 'number' || !Number.isFinite(interval)) {
      throw invalidParameter('enableAudioVolumeEvaluation() needs an interval in milliseconds');
    }
    this.#volume = interval > 0 ? { interval, enableInBackground } : null;
    if (this.#joined || !this.#volume) this.#applyVolumeEvaluation();
  }

  /** The local stream capturing on this client's instance: its volume is v5's `userId: ''`. */
  adoptLocalStream(stream: V5LocalStream): void {
    this.#local = stream;
  }

  getRemoteMutedState(): TrtcRemoteMutedState[] {
    return [...this.#remote.values()]
      .filter((stream) => stream.v5Type === 'main')
      .map((stream) => ({
        userId: stream.getUserId(),
        hasAudio: stream.carried.audio,
        hasVideo: stream.carried.video,
        audioMuted: stream.carried.audio && !stream.available.audio,
        videoMuted: stream.carried.video && !stream.available.video,
      }));
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#joined = false;
    this.#detach();
    this.#dropAll();
    this.#onDestroy();
    try {
      this.trtc.destroy();
    } catch {
      // Still in a room on v5's side: it is left and dropped either way.
      this.trtc.exitRoom().then(() => this.trtc.destroy(), () => undefined);
    }
  }

  on<K extends keyof TrtcClientEventMap>(event: K, handler: TrtcHandler<TrtcClientEventMap[K]>): void {
    this.#events.on(event, handler);
  }

  off<K extends keyof TrtcClientEventMap>(event: K, handler: TrtcHandler<TrtcClientEventMap[K]>): void {
    this.#events.off(event, handler);
  }

  // ---- v5 events, in v4's terms -----------------------------------------------------------

  #listen(): () => void {
    const { EVENT } = this.#sdk;
    const handlers: V5Handlers = {
      [EVENT.REMOTE_USER_ENTER]: ({ userId }) => this.#events.emit('peer-join', { userId }),
      [EVENT.REMOTE_USER_EXIT]: ({ userId }) => {
        for (const stream of [...this.#remote.values()]) if (stream.getUserId() === userId) this.#drop(stream, true);
        this.#events.emit('peer-leave', { userId });
      },
      [EVENT.REMOTE_AUDIO_AVAILABLE]: ({ userId }) => this.#available(userId, 'main', 'audio', true),
      [EVENT.REMOTE_AUDIO_UNAVAILABLE]: ({ userId }) => this.#available(userId, 'main', 'audio', false),
      [EVENT.REMOTE_VIDEO_AVAILABLE]: ({ userId, streamType }) => this.#available(userId, streamType, 'video', true),
      [EVENT.REMOTE_VIDEO_UNAVAILABLE]: ({ userId, streamType }) => this.#available(userId, streamType, 'video', false),
      [EVENT.AUTOPLAY_FAILED]: ({ userId, mediaType, resume }) =>
        this.#remote.get(`${userId}:${mediaType === 'screen' ? 'sub' : 'main'}`)?.autoplayFailed(mediaType, resume),
      [EVENT.AUDIO_PLAY_STATE_CHANGED]: ({ userId, state, reason }) =>
        this.#remote.get(`${userId}:main`)?.playerStateChanged({ type: 'audio', state, reason }),
      [EVENT.VIDEO_PLAY_STATE_CHANGED]: ({ userId, streamType, state, reason }) =>
        this.#remote.get(`${userId}:${streamType}`)?.playerStateChanged({ type: 'video', state, reason }),
      [EVENT.KICKED_OUT]: ({ reason }) => {
        this.#joined = false;
        this.#events.emit('client-banned', { reason });
      },
      [EVENT.CONNECTION_STATE_CHANGED]: ({ state, isReconnecting }) => {
        // v5 reconnects through CONNECTING, flagged; v4 names that state RECONNECTING.
        const next: TrtcConnectionState = state === 'CONNECTING' && isReconnecting ? 'RECONNECTING' : (state as TrtcConnectionState);
        const prevState = this.#connection;
        if (next === prevState) return;
        this.#connection = next;
        this.#events.emit('connection-state-changed', { prevState, state: next });
      },
      [EVENT.AUDIO_VOLUME]: ({ result }) => {
        const volumes = result.flatMap(({ userId, volume }) => {
          // v5 names the local microphone with an empty userId.
          const stream = userId === '' ? this.#local : this.#remote.get(`${userId}:main`);
          return stream ? [{ userId: userId === '' ? this.userId : userId, audioVolume: volume, stream }] : [];
        });
        this.#events.emit('audio-volume', { result: volumes });
      },
      [EVENT.NETWORK_QUALITY]: ({ uplinkNetworkQuality, downlinkNetworkQuality }) =>
        // Both SDKs grade on the same 0 (unknown) to 6 (disconnected) scale.
        this.#events.emit('network-quality', {
          uplinkNetworkQuality: uplinkNetworkQuality as number as TrtcNetworkQuality,
          downlinkNetworkQuality: downlinkNetworkQuality as number as TrtcNetworkQuality,
        }),
      [EVENT.ERROR]: (error) => this.#events.emit('error', toV4Error(error)),
    };
    // One loop over differently typed handlers: each was checked against its event above.
    const entries = Object.entries(handlers) as [keyof TRTCEventTypes, never][];
    for (const [event, handler] of entries) this.trtc.on(event, handler);
    return () => {
      for (const [event, handler] of entries) this.trtc.off(event, handler);
    };
  }

  #keyOf(stream: V5RemoteStream): string {
    return `${stream.getUserId()}:${stream.v5Type}`;
  }

  #available(userId: string, type: V5StreamType, kind: 'audio' | 'video', available: boolean): void {
    const key = `${userId}:${type}`;
    const stream = this.#remote.get(key);
    if (!stream) {
      if (!available) return;
      const added = new V5RemoteStream(this.trtc, userId, type, (deviceId) => this.#sdk.setCurrentSpeaker(deviceId));
      added.setAvailable(kind, true);
      this.#remote.set(key, added);
      this.#events.emit('stream-added', { stream: added });
      return;
    }
    const carriedBefore = stream.setAvailable(kind, available);
    if (!stream.available.audio && !stream.available.video) this.#drop(stream, true);
    else if (!carriedBefore) this.#events.emit('stream-updated', { stream });
    else this.#events.emit(`${available ? 'unmute' : 'mute'}-${kind}`, { userId });
  }

  #drop(stream: V5RemoteStream, announce: boolean): void {
    this.#remote.delete(this.#keyOf(stream));
    stream.close();
    if (announce) this.#events.emit('stream-removed', { stream });
  }

  /** Leaving ends every remote stream without announcing each, as v4 does. */
  #dropAll(): void {
    for (const stream of [...this.#remote.values()]) this.#drop(stream, false);
  }
}
