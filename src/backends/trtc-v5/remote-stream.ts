import type { TRTCStreamType } from 'trtc-sdk-v5';
import { Emitter } from '../emitter.js';
import type {
  TrtcHandler,
  TrtcPlayerStateEvent,
  TrtcPlayOptions,
  TrtcRemoteStream,
  TrtcRemoteStreamType,
  TrtcStreamEventMap,
} from '../types.js';
import { deviceNotFound, invalidParameter, notSupported, playNotAllowed, v5Call } from './errors.js';
import { asV5, checkView, fillModeOf, type V5Instance, type V5StreamType, type V5View } from './sdk.js';

export const v4TypeOf = (type: V5StreamType): TrtcRemoteStreamType => (type === 'sub' ? 'auxiliary' : 'main');

/**
 * A remote user's main (camera and microphone) or auxiliary (screen) stream, in v4's shape, over
 * v5's per-user calls. v5 says per kind whether a user publishes (`REMOTE_*_AVAILABLE`); the
 * client keeps one such object per user and type while anything of it is available.
 *
 * As in v4, nothing is heard or seen until the stream is subscribed and played: the client enters
 * with v5's automatic receiving off; `subscribe()` pulls the video (`startRemoteVideo` with no
 * view), `play()` shows it in our element (`updateRemoteVideo`, the element itself: an id would be
 * looked up in `document`, never in a shadow root) and unmutes the audio, `stop()` undoes both.
 */
export class V5RemoteStream implements TrtcRemoteStream {
  readonly #trtc: V5Instance;
  readonly #setSpeaker: (deviceId: string) => Promise<void>;
  readonly #userId: string;
  readonly #type: V5StreamType;
  readonly #events = new Emitter<TrtcStreamEventMap>();
  /** What the user publishes now; a stream that has neither is removed by its client. */
  readonly available = { audio: false, video: false };
  /** What this stream ever carried: a kind that went away since is muted, as v4 sees it. */
  readonly carried = { audio: false, video: false };
  /** What the viewer subscribed to; nothing until subscribe(). */
  #subscribed = { audio: false, video: false };
  #pulling = false;
  /** The video calls to v5, one after the other: each applies the state as it is when it runs. */
  #videoCalls: Promise<void> = Promise.resolve();
  #view: V5View | null = null;
  #options: TrtcPlayOptions = {};
  /** v5's `resume()` for each refused kind of media (AUTOPLAY_FAILED), until it succeeds. */
  readonly #blocked = new Map<string, () => Promise<void>>();

  constructor(
    trtc: V5Instance,
    userId: string,
    type: V5StreamType,
    /** v5's `TRTC.setCurrentSpeaker`. */
    setSpeaker: (deviceId: string) => Promise<void>,
  ) {
    this.#setSpeaker = setSpeaker;
    this.#trtc = trtc;
    this.#userId = userId;
    this.#type = type;
  }

  get v5Type(): V5StreamType {
    return this.#type;
  }

  /** Marks `kind` available or not; says whether the stream carried it before (then it is a mute or unmute, in v4 terms). */
  setAvailable(kind: 'audio' | 'video', available: boolean): boolean {
    const carriedBefore = this.carried[kind];
    this.available[kind] = available;
    if (available) this.carried[kind] = true;
    if (kind === 'video') this.#followVideo().catch(() => undefined);
    else this.#followAudio();
    return carriedBefore;
  }

  async subscribe({ audio = true, video = true }: { audio?: boolean; video?: boolean } = {}): Promise<void> {
    this.#subscribed = { audio, video };
    await this.#followVideo();
  }

  async unsubscribe(): Promise<void> {
    this.stop();
    this.#subscribed = { audio: false, video: false };
    const stopped = this.#videoCalls.catch(() => undefined).then(async () => {
      if (!this.#pulling) return;
      this.#pulling = false;
      await v5Call(() => this.#trtc.stopRemoteVideo({ userId: this.#userId, streamType: asV5<TRTCStreamType>(this.#type) }));
    });
    this.#videoCalls = stopped;
    await stopped;
  }

  /** Pulls the video while subscribed and published, into the view if there is one. */
  #followVideo(): Promise<void> {
    const call = this.#videoCalls.catch(() => undefined).then(() => this.#applyVideo());
    this.#videoCalls = call;
    return call;
  }

  async #applyVideo(): Promise<void> {
    if (!this.#subscribed.video) return;
    if (!this.available.video) {
      // Unpublished: v5 has stopped pulling it; published again, it is started afresh.
      this.#pulling = false;
      return;
    }
    const userId = this.#userId;
    const streamType = asV5<TRTCStreamType>(this.#type);
    const option = { fillMode: fillModeOf(this.#options.objectFit), mirror: this.#options.mirror ?? false };
    if (this.#pulling) {
      await v5Call(() => this.#trtc.updateRemoteVideo({ userId, streamType, view: this.#view, option }));
      return;
    }
    this.#pulling = true;
    try {
      await v5Call(() => this.#trtc.startRemoteVideo({ userId, streamType, view: this.#view, option }));
    } catch (error) {
      this.#pulling = false;
      throw error;
    }
  }

  /** Plays the main stream's audio while it is shown and not muted by the view. */
  #followAudio(): void {
    if (this.#type !== 'main') return;
    const mute = !this.#view || this.#options.muted === true || !this.#subscribed.audio || !this.available.audio;
    this.#trtc.muteRemoteAudio(this.#userId, mute).catch(() => undefined);
  }

  async play(container: V5View, options: TrtcPlayOptions = {}): Promise<void> {
    checkView(container, options);
    this.#view = container;
    this.#options = options;
    this.#followAudio();
    await this.#followVideo();
  }

  stop(): void {
    if (!this.#view) return;
    this.#view = null;
    this.#followAudio();
    this.#followVideo().catch(() => undefined);
  }

  close(): void {
    this.stop();
  }

  /** v5 refused to play `kind` without a user gesture: reported as v4's PLAY_NOT_ALLOWED stream error. */
  autoplayFailed(kind: string, resume: () => Promise<void>): void {
    this.#blocked.set(kind, resume);
    this.#events.emit('error', playNotAllowed(`the browser refused to play ${this.#userId}'s ${kind} without a user gesture`));
  }

  playerStateChanged(event: TrtcPlayerStateEvent): void {
    this.#events.emit('player-state-changed', event);
  }

  async resume(): Promise<void> {
    for (const [kind, resume] of [...this.#blocked]) {
      try {
        await resume();
      } catch (error) {
        throw playNotAllowed(`the browser still refuses to play ${this.#userId}'s ${kind}`, error);
      }
      this.#blocked.delete(kind);
    }
  }

  muteAudio(): boolean {
    return this.#enableTrack(this.getAudioTrack(), false);
  }

  muteVideo(): boolean {
    return this.#enableTrack(this.getVideoTrack(), false);
  }

  unmuteAudio(): boolean {
    return this.#enableTrack(this.getAudioTrack(), true);
  }

  unmuteVideo(): boolean {
    return this.#enableTrack(this.getVideoTrack(), true);
  }

  /** v4 mutes a remote stream for this viewer only, by disabling the received track. */
  #enableTrack(track: MediaStreamTrack | null, enabled: boolean): boolean {
    if (!track) return false;
    track.enabled = enabled;
    return true;
  }

  getId(): string {
    return `${this.#userId}_${this.#type}`;
  }

  getUserId(): string {
    return this.#userId;
  }

  getType(): TrtcRemoteStreamType {
    return v4TypeOf(this.#type);
  }

  /**
   * v5 has one output for everything it plays (`TRTC.setCurrentSpeaker()`), so this routes every
   * remote stream of the page, as the room does anyway. `''` is the system's default output.
   */
  async setAudioOutput(deviceId: string): Promise<void> {
    if (typeof deviceId !== 'string') throw invalidParameter('setAudioOutput() needs a deviceId');
    if (!('setSinkId' in HTMLMediaElement.prototype)) {
      throw notSupported('this browser cannot choose where sound is played (no HTMLMediaElement.setSinkId)');
    }
    const devices = deviceId === '' ? [] : await navigator.mediaDevices.enumerateDevices();
    if (deviceId !== '' && !devices.some((device) => device.kind === 'audiooutput' && device.deviceId === deviceId)) {
      throw deviceNotFound(`no speaker with deviceId "${deviceId}" was found`);
    }
    await v5Call(() => this.#setSpeaker(deviceId));
  }

  hasAudio(): boolean {
    return this.carried.audio;
  }

  hasVideo(): boolean {
    return this.carried.video;
  }

  getAudioTrack(): MediaStreamTrack | null {
    return this.#type === 'main' ? (this.#trtc.getAudioTrack(this.#userId) ?? null) : null;
  }

  getVideoTrack(): MediaStreamTrack | null {
    return this.#trtc.getVideoTrack({ userId: this.#userId, streamType: asV5<TRTCStreamType>(this.#type) }) ?? null;
  }

  on<K extends keyof TrtcStreamEventMap>(event: K, handler: TrtcHandler<TrtcStreamEventMap[K]>): void {
    this.#events.on(event, handler);
  }

  off<K extends keyof TrtcStreamEventMap>(event: K, handler: TrtcHandler<TrtcStreamEventMap[K]>): void {
    this.#events.off(event, handler);
  }
}
