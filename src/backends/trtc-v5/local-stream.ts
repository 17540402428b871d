import { Emitter } from '../emitter.js';
import type { TrtcHandler, TrtcLocalStream, TrtcPlayOptions, TrtcStreamConfig, TrtcStreamEventMap } from '../types.js';
import { callAborted, deviceNotFound, invalidOperation, invalidParameter, v5Call } from './errors.js';
import { checkView, fillModeOf, type V5Instance, type V5View } from './sdk.js';

let streamCount = 0;

/** What one initialize() started, on which instance (made for this stream alone when `owned`). */
interface Capture {
  readonly trtc: V5Instance;
  readonly owned: boolean;
  readonly audio: boolean;
  readonly video: boolean;
}

const audioTrackOf = (capture: Capture | null) => (capture?.audio && capture.trtc.getAudioTrack()) || null;
const videoTrackOf = (capture: Capture | null) => (capture?.video && capture.trtc.getVideoTrack()) || null;

/**
 * Ends what `capture` captured. v5 stops asynchronously; v4's close() ends the tracks at once, so
 * they are ended here first. Settles once v5 has stopped (and destroyed an instance of our own).
 */
async function release(capture: Capture): Promise<void> {
  for (const track of [audioTrackOf(capture), videoTrackOf(capture)]) track?.stop();
  await Promise.all([
    capture.video ? capture.trtc.stopLocalVideo() : undefined,
    capture.audio ? capture.trtc.stopLocalAudio() : undefined,
  ]).catch(() => undefined);
  try {
    if (capture.owned) capture.trtc.destroy();
  } catch {
    // Destroyed already: a capture closed while it was starting is released twice.
  }
}

export function checkStreamConfig(config: TrtcStreamConfig | undefined): asserts config is TrtcStreamConfig {
  if (!config || typeof config !== 'object') throw invalidParameter('createStream() needs a configuration');
  const captures = config.audio === true || config.video === true;
  if (captures && (config.audioSource || config.videoSource)) {
    throw invalidParameter('createStream() takes either audio/video to capture or audioSource/videoSource, not both');
  }
}

/**
 * The v4 local stream over one v5 instance's local capture. v5 captures and previews in one call
 * (`startLocalVideo`/`startLocalAudio` with `publish: false`) and publishes later on the same
 * instance (`updateLocalVideo/Audio({ publish: true })`), so the stream runs on the instance of
 * the client it will be published by; `instance()` finds it, or makes one for a stream no client
 * owns (a preview), which the stream destroys when it closes.
 */
export class V5LocalStream implements TrtcLocalStream {
  readonly #config: TrtcStreamConfig;
  readonly #instance: () => Pick<Capture, 'trtc' | 'owned'>;
  readonly #events = new Emitter<TrtcStreamEventMap>();
  readonly #id = `local_${++streamCount}`;
  #capture: Capture | null = null;
  /** The release of the previous capture, which a new one waits for (both run on one instance). */
  #released: Promise<void> = Promise.resolve();
  #published = false;
  /** What muteAudio()/muteVideo() asked for: kept across a switch of device. */
  readonly #muted = { audio: false, video: false };

  constructor(config: TrtcStreamConfig, instance: () => Pick<Capture, 'trtc' | 'owned'>) {
    this.#config = { ...config };
    this.#instance = instance;
  }

  /** The v5 instance capturing, once initialized: its client may publish it. */
  get trtc(): V5Instance | null {
    return this.#capture?.trtc ?? null;
  }

  /**
   * v5 switches a capture in place: `updateLocalVideo({ option: { cameraId } })` /
   * `updateLocalAudio({ option: { microphoneId } })`, published or not. An id that is not listed
   * is refused first (DEVICE_NOT_FOUND), so v5 never falls back to another device unasked.
   */
  async switchDevice(type: 'audio' | 'video', deviceId: string): Promise<void> {
    if (type !== 'audio' && type !== 'video') throw invalidParameter(`switchDevice() of an unknown type "${String(type)}"`);
    if (typeof deviceId !== 'string' || deviceId === '') throw invalidParameter('switchDevice() needs a deviceId');
    const { audioSource, videoSource } = this.#config;
    if (audioSource || videoSource) throw invalidOperation('switchDevice() cannot switch a stream created from audioSource/videoSource');
    const capture = this.#capture;
    const track = type === 'audio' ? audioTrackOf(capture) : videoTrackOf(capture);
    if (!capture || !track) throw invalidOperation(`switchDevice() needs an initialized stream with ${type}`);
    // As in v4: the device in use already is no switch.
    if (track.readyState === 'live' && track.getSettings().deviceId === deviceId) return;
    const kind: MediaDeviceKind = type === 'audio' ? 'audioinput' : 'videoinput';
    const devices = await navigator.mediaDevices.enumerateDevices();
    if (!devices.some((device) => device.kind === kind && device.deviceId === deviceId)) {
      throw deviceNotFound(`no ${type === 'audio' ? 'microphone' : 'camera'} with deviceId "${deviceId}" was found`);
    }
    if (this.#capture !== capture) throw callAborted('close() during switchDevice()');
    await v5Call(() =>
      type === 'audio'
        ? capture.trtc.updateLocalAudio({ option: { microphoneId: deviceId } })
        : capture.trtc.updateLocalVideo({ option: { cameraId: deviceId } }),
    );
    if (this.#capture !== capture) throw callAborted('close() during switchDevice()');
    // Initialising again opens the device switched to, as in v4.
    if (type === 'audio') this.#config.microphoneId = deviceId;
    else this.#config.cameraId = deviceId;
    const switched = type === 'audio' ? audioTrackOf(capture) : videoTrackOf(capture);
    if (switched) switched.enabled = !this.#muted[type];
  }

  async initialize(): Promise<void> {
    // A second initialize() captures afresh, as v4's does, once v5 has stopped the first.
    this.close();
    const released = this.#released;
    const { audio, video, audioSource, videoSource, cameraId, microphoneId } = this.#config;
    const { trtc, owned } = this.#instance();
    const capture: Capture = { trtc, owned, audio: audio === true || Boolean(audioSource), video: video === true || Boolean(videoSource) };
    this.#capture = capture;
    await released;
    try {
      if (this.#capture !== capture) throw callAborted('close() during initialize()');
      if (capture.video) await v5Call(() => trtc.startLocalVideo({ publish: false, option: { cameraId, videoTrack: videoSource } }));
      if (capture.audio && this.#capture === capture) {
        await v5Call(() => trtc.startLocalAudio({ publish: false, option: { microphoneId, audioTrack: audioSource } }));
      }
    } catch (error) {
      if (this.#capture === capture) this.close();
      throw error;
    }
    if (this.#capture !== capture) {
      // Closed while v5 was starting: what it started since is ended too.
      await release(capture);
      throw callAborted('close() during initialize()');
    }
  }

  /** Publishes what this stream captures, on its instance (whose room the client has entered). */
  async publish(): Promise<void> {
    const capture = this.#capture;
    if (!capture) return;
    if (capture.video) await v5Call(() => capture.trtc.updateLocalVideo({ publish: true }));
    if (capture.audio) await v5Call(() => capture.trtc.updateLocalAudio({ publish: true }));
    this.#published = true;
  }

  async unpublish(): Promise<void> {
    const capture = this.#capture;
    if (!capture || !this.#published) return;
    this.#published = false;
    if (capture.video) await v5Call(() => capture.trtc.updateLocalVideo({ publish: false }));
    if (capture.audio) await v5Call(() => capture.trtc.updateLocalAudio({ publish: false }));
  }

  async play(container: V5View, options: TrtcPlayOptions = {}): Promise<void> {
    checkView(container, options);
    const capture = this.#capture;
    if (!capture?.video) return;
    // A local preview is mirrored unless told not to, as in v4; v5 never plays the local microphone.
    const option = { fillMode: fillModeOf(options.objectFit), mirror: options.mirror ?? true };
    await v5Call(() => capture.trtc.updateLocalVideo({ view: container, option }));
  }

  stop(): void {
    const capture = this.#capture;
    if (capture?.video) capture.trtc.updateLocalVideo({ view: null }).catch(() => undefined);
  }

  resume(): Promise<void> {
    // A muted local preview is never refused by autoplay policy.
    return Promise.resolve();
  }

  close(): void {
    const capture = this.#capture;
    if (!capture) return;
    this.#capture = null;
    this.#published = false;
    this.#muted.audio = false;
    this.#muted.video = false;
    this.#released = release(capture);
  }

  muteAudio(): boolean {
    return this.#mute('audio', true);
  }

  muteVideo(): boolean {
    return this.#mute('video', true);
  }

  unmuteAudio(): boolean {
    return this.#mute('audio', false);
  }

  unmuteVideo(): boolean {
    return this.#mute('video', false);
  }

  /** v5 mutes on the instance, which tells the room at once; the track stays captured. */
  #mute(kind: 'audio' | 'video', mute: boolean): boolean {
    const capture = this.#capture;
    if (!capture?.[kind]) return false;
    this.#muted[kind] = mute;
    const track = kind === 'audio' ? audioTrackOf(capture) : videoTrackOf(capture);
    if (track) track.enabled = !mute;
    const update = kind === 'audio' ? capture.trtc.updateLocalAudio({ mute }) : capture.trtc.updateLocalVideo({ mute });
    update.catch(() => undefined);
    return true;
  }

  getId(): string {
    return this.#id;
  }

  getUserId(): string {
    return this.#config.userId ?? '';
  }

  hasAudio(): boolean {
    return this.getAudioTrack() !== null;
  }

  hasVideo(): boolean {
    return this.getVideoTrack() !== null;
  }

  getAudioTrack(): MediaStreamTrack | null {
    return audioTrackOf(this.#capture);
  }

  getVideoTrack(): MediaStreamTrack | null {
    return videoTrackOf(this.#capture);
  }

  on<K extends keyof TrtcStreamEventMap>(event: K, handler: TrtcHandler<TrtcStreamEventMap[K]>): void {
    this.#events.on(event, handler);
  }

  off<K extends keyof TrtcStreamEventMap>(event: K, handler: TrtcHandler<TrtcStreamEventMap[K]>): void {
    this.#events.off(event, handler);
  }
}
