import { TrtcErrorCode } from '../error-codes.js';
import type {
  TrtcClient,
  TrtcClientConfig,
  TrtcClientEventMap,
  TrtcConnectionState,
  TrtcHandler,
  TrtcJoinOptions,
  TrtcLocalStream,
  TrtcMode,
  TrtcRemoteMutedState,
  TrtcRemoteStream,
  TrtcRole,
} from '../types.js';
import { Emitter } from '../emitter.js';
import { callAborted, invalidOperation, invalidParameter, LoopbackError, notSupported } from './errors.js';
import { LoopbackLocalStream } from './local-stream.js';
import { roomKey } from './protocol.js';
import { LoopbackRemoteStream } from './remote-stream.js';
import { RoomSession } from './session.js';
import type { SessionEnd, SessionOwner } from './session.js';
import { check, checkInstance, checkRoomId, checkSdkAppId } from './validate.js';
import { VolumeMeter } from './volume-meter.js';

/** The SDK's default 'audio-volume' interval, and the shortest it allows. */
const DEFAULT_VOLUME_INTERVAL_MS = 2000;
const MIN_VOLUME_INTERVAL_MS = 16;

/** What the test hooks can do to a client; kept off the client object, which is TRTC's shape only. */
export interface FaultControls {
  drop(): void;
  loseSignal(): void;
  restoreSignal(): void;
}

const faultControls = new WeakMap<object, FaultControls>();

/** The fault controls of a loopback client, or undefined for anything else. */
export function faultControlsOf(client: unknown): FaultControls | undefined {
  return typeof client === 'object' && client !== null ? faultControls.get(client) : undefined;
}

/** Checks `createClient()`'s argument the way the SDK does. */
function checkClientConfig(config: unknown): asserts config is TrtcClientConfig {
  const call = 'createClient';
  check(config, 'clientConfig', call, { required: true, types: ['object'] });
  const { sdkAppId, userId, userSig, mode, useStringRoomId, autoSubscribe, enableAutoPlayDialog } =
    config as TrtcClientConfig;
  check(sdkAppId, 'clientConfig.sdkAppId', call, { required: true, types: ['number'], notEmpty: true });
  checkSdkAppId(sdkAppId, call);
  check(userId, 'clientConfig.userId', call, { required: true, types: ['string'], notEmpty: true });
  check(userSig, 'clientConfig.userSig', call, { required: true, types: ['string'], notEmpty: true });
  check(mode, 'clientConfig.mode', call, { required: true, types: ['string'], values: ['rtc', 'live'] });
  check(useStringRoomId, 'clientConfig.useStringRoomId', call, { types: ['boolean'] });
  check(autoSubscribe, 'clientConfig.autoSubscribe', call, { types: ['boolean'] });
  check(enableAutoPlayDialog, 'clientConfig.enableAutoPlayDialog', call, { types: ['boolean'] });
}

const destroyedError = () => invalidOperation('failed to call join() because client was destroyed.');

/**
 * A TRTC v4 `Client` whose room is every loopback client of the same sdkAppId and room id in
 * this browser (tabs of one origin, or several clients in one page). The userSig is accepted
 * and never checked or sent anywhere. There is no autoplay dialog, whatever
 * `enableAutoPlayDialog` says: blocked playback is reported as error 0x4043 only.
 */
export class LoopbackClient implements TrtcClient {
  readonly #sdkAppId: number;
  readonly #userId: string;
  readonly #mode: TrtcMode;
  readonly #useStringRoomId: boolean;
  readonly #autoSubscribe: boolean;
  readonly #events = new Emitter<TrtcClientEventMap>();
  #state: TrtcConnectionState = 'DISCONNECTED';
  #session: RoomSession | null = null;
  #destroyed = false;
  /** The 'audio-volume' interval asked for, or null when it is off. */
  #volumeInterval: number | null = null;
  #volumeMeter: VolumeMeter | null = null;

  constructor(config: TrtcClientConfig) {
    checkClientConfig(config);
    this.#sdkAppId = config.sdkAppId;
    this.#userId = config.userId;
    this.#mode = config.mode;
    this.#useStringRoomId = config.useStringRoomId ?? false;
    this.#autoSubscribe = config.autoSubscribe ?? true;
    faultControls.set(this, {
      drop: () => this.#sessionFor('dropPeer()').drop(),
      loseSignal: () => {
        const session = this.#sessionFor('loseSignal()');
        if (session.signalLost) throw new Error('loseSignal(): signalling is already lost');
        session.loseSignal();
      },
      restoreSignal: () => {
        const session = this.#sessionFor('restoreSignal()');
        if (!session.signalLost) throw new Error('restoreSignal(): signalling was not lost');
        session.restoreSignal();
      },
    });
  }

  async join(options: TrtcJoinOptions): Promise<void> {
    check(options, 'options', 'join', { required: true, types: ['object'] });
    const { roomId, role } = options;
    check(roomId, 'options.roomId', 'join', { required: true, types: ['number', 'string'], notEmpty: true });
    checkRoomId(roomId, this.#useStringRoomId);
    check(role, 'options.role', 'join', { types: ['string'], values: ['anchor', 'audience'] });
    if (this.#session?.inRoom) throw invalidOperation('duplicate join() called.');
    if (this.#destroyed) throw destroyedError();
    if (this.#session) throw invalidOperation(`[${this.#userId}] is calling client.join api or has already joined room`);
    if (typeof window.RTCPeerConnection !== 'function' || typeof window.BroadcastChannel !== 'function') {
      throw new LoopbackError(TrtcErrorCode.NOT_SUPPORTED, 'your browser or environment does not support full WebRTC capabilities.');
    }

    // In rtc mode everyone may publish: the role is always anchor.
    const startRole: TrtcRole = this.#mode === 'live' ? (role ?? 'anchor') : 'anchor';
    const session = new RoomSession(this.#sessionOwner(), this.#sdkAppId, roomKey(roomId), startRole);
    this.#session = session;
    this.#setState('CONNECTING');
    // Entering takes a moment, as a real join does; leave() or destroy() may come in meanwhile.
    await new Promise((resolve) => setTimeout(resolve));
    if (this.#session !== session) throw this.#destroyed ? destroyedError() : callAborted('join() was aborted by leave()');
    session.start();
    this.#setState('CONNECTED');
    this.#startVolumeMeter(session);
  }

  async leave(): Promise<void> {
    this.#session?.leave();
  }

  async publish(stream: TrtcLocalStream): Promise<void> {
    checkInstance(stream, LoopbackLocalStream, 'LocalStream', 'stream', 'publish');
    const session = this.#inRoom('please call join() before publish().');
    if (this.#mode === 'live' && session.role === 'audience') {
      throw invalidOperation(
        'no permission to publish() under live/audience, please call switchRole("anchor") firstly before publish().',
      );
    }
    if (!stream.publishable) {
      throw invalidOperation('cannot publish stream because stream is not initialized, is switching device, or has been closed.');
    }
    if (session.publishedStream || stream.onPublishedChange) throw invalidOperation('duplicate local stream publishing.');
    session.publish(stream);
  }

  async unpublish(stream: TrtcLocalStream): Promise<void> {
    checkInstance(stream, LoopbackLocalStream, 'LocalStream', 'stream', 'unpublish');
    const session = this.#session?.inRoom ? this.#session : null;
    const published = session?.publishedStream ?? null;
    // Like the SDK: with nothing published there is nothing to do; another stream is an error.
    if (stream === published) session?.unpublish();
    else if (published) throw invalidParameter('stream has not been published yet.');
  }

  async subscribe(stream: TrtcRemoteStream, options?: { audio?: boolean; video?: boolean }): Promise<void> {
    checkInstance(stream, LoopbackRemoteStream, 'RemoteStream', 'stream', 'subscribe');
    const session = this.#session;
    const publisher = session?.publisherOf(stream);
    if (!session || publisher === undefined) throw this.#goneError();
    check(options, 'options', 'subscribe', { types: ['object'] });
    const { audio, video } = options ?? {};
    check(audio, 'options.audio', 'subscribe', { types: ['boolean'] });
    check(video, 'options.video', 'subscribe', { types: ['boolean'] });
    if (audio === false && video === false) {
      throw invalidOperation('cannot subscribe when both audio & video are false, use client.unsubscribe() instead');
    }
    await session.subscribe(stream, publisher, { audio: audio ?? true, video: video ?? true });
  }

  async unsubscribe(stream: TrtcRemoteStream): Promise<void> {
    checkInstance(stream, LoopbackRemoteStream, 'RemoteStream', 'stream', 'unsubscribe');
    const session = this.#session;
    if (!session || session.publisherOf(stream) === undefined) throw this.#goneError();
    session.unsubscribe(stream);
  }

  async switchRole(role: TrtcRole): Promise<void> {
    check(role, 'role', 'switchRole', { required: true, values: ['anchor', 'audience'] });
    if (this.#mode !== 'live') throw invalidParameter('switchRole can only be called in live mode.');
    this.#inRoom('please call join() before switchRole().').setRole(role);
  }

  on<K extends keyof TrtcClientEventMap>(event: K, handler: TrtcHandler<TrtcClientEventMap[K]>): void {
    this.#events.on(event, handler);
  }

  off<K extends keyof TrtcClientEventMap>(event: K, handler: TrtcHandler<TrtcClientEventMap[K]>): void {
    this.#events.off(event, handler);
  }

  /**
   * Like the SDK's: 'audio-volume' every `interval` ms (at least 16) while in the room, measured
   * from the real tracks (see volume-meter.ts); `interval <= 0` stops it. The choice outlasts a
   * leave(), which stops the measuring (and closes its AudioContext) until the next join.
   */
  enableAudioVolumeEvaluation(interval = DEFAULT_VOLUME_INTERVAL_MS, _enableInBackground = false): void {
    check(interval, 'interval', 'enableAudioVolumeEvaluation', { types: ['number'] });
    if (!Number.isFinite(interval)) throw invalidParameter('enableAudioVolumeEvaluation() needs a finite interval.');
    if (interval > 0 && typeof window.AudioContext !== 'function') {
      throw notSupported('this browser has no Web Audio (AudioContext) to measure volume with.');
    }
    this.#volumeInterval = interval > 0 ? Math.floor(Math.max(interval, MIN_VOLUME_INTERVAL_MS)) : null;
    this.#stopVolumeMeter();
    if (this.#session?.inRoom) this.#startVolumeMeter(this.#session);
  }

  getRemoteMutedState(): TrtcRemoteMutedState[] {
    return this.#session?.remoteMutedState() ?? [];
  }

  /** Like the SDK's: refused while in a room; a join still under way is abandoned. */
  destroy(): void {
    if (this.#destroyed) return;
    if (this.#session?.inRoom) throw invalidOperation('please call leave() before destroy().');
    this.#destroyed = true;
    this.#session?.leave();
    this.#events.clear();
  }

  #inRoom(message: string): RoomSession {
    const session = this.#session;
    if (!session?.inRoom) throw invalidOperation(message);
    return session;
  }

  /** For the test hooks, which act on a client in a room only. */
  #sessionFor(hook: string): RoomSession {
    const session = this.#session;
    if (!session?.inRoom) throw new Error(`${hook}: the client is not in a room`);
    return session;
  }

  #startVolumeMeter(session: RoomSession): void {
    if (this.#volumeInterval === null || this.#volumeMeter) return;
    this.#volumeMeter = new VolumeMeter(
      this.#volumeInterval,
      () => session.audioSources(),
      (result) => this.#events.emit('audio-volume', { result }),
    );
  }

  #stopVolumeMeter(): void {
    this.#volumeMeter?.stop();
    this.#volumeMeter = null;
  }

  #goneError(): LoopbackError {
    return invalidOperation('remoteStream does not exist because it has been unpublished by remote peer.');
  }

  #setState(state: TrtcConnectionState): void {
    const prevState = this.#state;
    if (state === prevState) return;
    this.#state = state;
    this.#events.emit('connection-state-changed', { prevState, state });
  }

  #sessionOwner(): SessionOwner {
    return {
      userId: this.#userId,
      autoSubscribe: this.#autoSubscribe,
      emit: (event, payload) => this.#events.emit(event, payload),
      signalLost: () => this.#setState('RECONNECTING'),
      signalRestored: () => this.#setState('CONNECTED'),
      ended: (how, shown) => this.#sessionEnded(how, shown),
    };
  }

  /** Out of the room first, so handlers of the events below find the client ready to join again. */
  #sessionEnded(how: SessionEnd, shown: LoopbackRemoteStream[]): void {
    this.#session = null;
    this.#stopVolumeMeter();
    if (how === 'dropped') {
      // Gone without a trace, as a closed tab would be.
      this.#state = 'DISCONNECTED';
      return;
    }
    // Like the SDK, leaving (or being made to leave) reports every remote stream as removed.
    for (const stream of shown) this.#events.emit('stream-removed', { stream });
    this.#setState('DISCONNECTED');
    if (how === 'kicked') {
      this.#events.emit('client-banned', {
        reason: 'kick',
        message: 'client was banned because of duplicated userId joining the room.',
      });
    } else if (how === 'signal-lost') {
      this.#events.emit(
        'error',
        new LoopbackError(
          TrtcErrorCode.SIGNAL_CHANNEL_RECONNECTION_FAILED,
          'signal channel reconnection failed, please check your network and re-join room.',
        ),
      );
    }
  }
}
