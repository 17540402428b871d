import { TrtcErrorCode } from '../error-codes.js';
import type { TrtcLocalStream, TrtcStreamConfig } from '../types.js';
import { capture, captureDevice, deviceIdOf } from './devices.js';
import type { CaptureKind, CaptureRequest } from './devices.js';
import { callAborted, invalidOperation, invalidParameter, LoopbackError } from './errors.js';
import { randomId } from './ids.js';
import type { LinkTracks } from './peer-link.js';
import type { StreamAdvert } from './protocol.js';
import { LoopbackStream } from './stream.js';
import { timings } from './timings.js';
import { check } from './validate.js';

function checkTrack(value: unknown, name: string): void {
  if (value === undefined || value === null || value instanceof MediaStreamTrack) return;
  throw invalidParameter(`'streamConfig.${name}' must be instanceof MediaStreamTrack when calling createStream().`);
}

/** Checks `createStream()`'s argument the way the SDK does. */
export function checkStreamConfig(config: unknown): asserts config is TrtcStreamConfig {
  check(config, 'streamConfig', 'createStream', { required: true, types: ['object'] });
  const { userId, audio, video, cameraId, microphoneId, audioSource, videoSource } = config as TrtcStreamConfig;
  check(userId, 'streamConfig.userId', 'createStream', { types: ['string'] });
  check(audio, 'streamConfig.audio', 'createStream', { types: ['boolean'] });
  check(video, 'streamConfig.video', 'createStream', { types: ['boolean'] });
  check(microphoneId, 'streamConfig.microphoneId', 'createStream', { types: ['string'] });
  check(cameraId, 'streamConfig.cameraId', 'createStream', { types: ['string'] });
  checkTrack(audioSource, 'audioSource');
  checkTrack(videoSource, 'videoSource');
  const capturing = audio !== undefined || video !== undefined;
  const given = audioSource !== undefined || videoSource !== undefined;
  if (capturing && given) {
    throw invalidParameter(
      'LocalStream must be created by createStream() with either audio/video or audioSource/videoSource, but can not be mixed with audio/video and audioSource/videoSource.',
    );
  }
}

const NO_TRACKS: LinkTracks = Object.freeze({ audio: null, video: null });

/** Where a stream's tracks come from: tracks the page gave createStream(), or a capture. */
type Source = { given: LinkTracks } | { capture: CaptureRequest };

const SWITCH_KINDS: readonly CaptureKind[] = ['audio', 'video'];

/**
 * A camera/microphone stream (or one built from the page's own tracks) that a client publishes.
 * Like the SDK's, close() stops its tracks, given ones included, and it can be initialised again.
 * A captured track is watched while the stream holds it: if it ends without the stream stopping
 * it, the device is captured again (see 'device-auto-recovered' in ../types.ts).
 */
export class LoopbackLocalStream extends LoopbackStream implements TrtcLocalStream {
  protected readonly playerDefaults = { muted: true, objectFit: 'cover' as const, mirror: true };
  readonly #source: Source;
  #tracks: LinkTracks = NO_TRACKS;
  #initializing: Promise<void> | null = null;
  /** Bumped by close(): a capture that finishes afterwards must not bring the stream back. */
  #generation = 0;
  #onPublishedChange: (() => void) | null = null;
  /** Switches and recoveries run one after the other: each replaces what the previous one left. */
  #deviceChanges: Promise<void> = Promise.resolve();
  #recovering = new Set<CaptureKind>();
  /** Tracks whose device could not be captured again: they stay ended, and are not retried. */
  #unrecoverable = new WeakSet<MediaStreamTrack>();
  #trackCheck: ReturnType<typeof setTimeout> | undefined;

  constructor(config: TrtcStreamConfig) {
    super(randomId(), config.userId ?? '');
    const { audio, video, audioSource, videoSource, cameraId, microphoneId } = config;
    this.#source =
      audioSource !== undefined || videoSource !== undefined
        ? { given: { audio: audioSource ?? null, video: videoSource ?? null } }
        : { capture: { audio: audio ?? false, video: video ?? false, cameraId, microphoneId } };
  }

  /** Captures (again: like the SDK's, a second call takes a fresh capture and ends the previous one). */
  initialize(): Promise<void> {
    this.#initializing ??= this.#acquire().finally(() => {
      this.#initializing = null;
    });
    return this.#initializing;
  }

  async switchDevice(type: 'audio' | 'video', deviceId: string): Promise<void> {
    check(type, 'type', 'switchDevice', { required: true, types: ['string'], values: SWITCH_KINDS });
    check(deviceId, 'deviceId', 'switchDevice', { required: true, types: ['string'], notEmpty: true });
    const request = this.#captureRequest();
    if (!request) throw invalidOperation('switchDevice() cannot switch a stream created from audioSource/videoSource.');
    if (!this.#tracks[type]) throw invalidOperation(`switchDevice() needs an initialized stream with ${type}.`);
    const generation = this.#generation;
    const done = this.#deviceChanges.then(async () => {
      if (generation !== this.#generation) throw callAborted('switchDevice() was overtaken by close()');
      // Like the SDK: the device in use already is no switch.
      const current = this.#tracks[type];
      if (current?.readyState === 'live' && deviceIdOf(current) === deviceId) return;
      const track = await captureDevice(type, deviceId);
      if (generation !== this.#generation) {
        track.stop();
        throw callAborted('switchDevice() was overtaken by close()');
      }
      this.#useDevice(type, track, request);
    });
    this.#deviceChanges = done.catch(() => undefined);
    return done;
  }

  close(): void {
    this.stop();
    this.#generation += 1;
    this.#recovering.clear();
    clearTimeout(this.#trackCheck);
    navigator.mediaDevices?.removeEventListener('devicechange', this.#checkTracks);
    this.#releaseTracks();
    this.#setTracks(NO_TRACKS);
  }

  hasAudio(): boolean {
    return this.#tracks.audio !== null;
  }

  hasVideo(): boolean {
    return this.#tracks.video !== null;
  }

  getAudioTrack(): MediaStreamTrack | null {
    return this.#tracks.audio;
  }

  getVideoTrack(): MediaStreamTrack | null {
    return this.#tracks.video;
  }

  /** Whether `publish()` may send it: initialised and not closed. */
  get publishable(): boolean {
    return this.hasAudio() || this.hasVideo();
  }

  /**
   * Called whenever the tracks or mute state change while the stream is published (the publishing
   * client tells the room); null while unpublished.
   */
  get onPublishedChange(): (() => void) | null {
    return this.#onPublishedChange;
  }

  set onPublishedChange(listener: (() => void) | null) {
    this.#onPublishedChange = listener;
    this.usageChanged();
  }

  /** Tracks are checked while the stream is in use (published or playing), which is when losing a device shows. */
  protected override usageChanged(): void {
    this.#scheduleTrackCheck();
  }

  /** What the room is told about this stream. */
  advert(): StreamAdvert {
    const { audio, video } = this.#tracks;
    return {
      id: this.getId(),
      audio: audio !== null,
      video: video !== null,
      audioMuted: audio !== null && !audio.enabled,
      videoMuted: video !== null && !video.enabled,
    };
  }

  protected override setTrackEnabled(track: MediaStreamTrack | null, enabled: boolean): boolean {
    const done = super.setTrackEnabled(track, enabled);
    if (done) this.#onPublishedChange?.();
    return done;
  }

  #captureRequest(): CaptureRequest | null {
    return 'capture' in this.#source ? this.#source.capture : null;
  }

  async #acquire(): Promise<void> {
    if ('given' in this.#source) {
      this.#setTracks(this.#source.given);
      return;
    }
    const generation = this.#generation;
    const media = await capture(this.#source.capture);
    if (generation !== this.#generation) {
      for (const track of media.getTracks()) track.stop();
      throw callAborted('initialize() was overtaken by close()');
    }
    this.#releaseTracks();
    this.#setTracks({ audio: media.getAudioTracks()[0] ?? null, video: media.getVideoTracks()[0] ?? null });
    this.#watchTracks();
  }

  /**
   * Puts `track` in place of the current track of its kind, keeping its mute state: a published
   * stream's senders replace it (no renegotiation) and a playing stream shows it. The device is
   * remembered, so initialising again captures it.
   */
  #useDevice(kind: CaptureKind, track: MediaStreamTrack, request: CaptureRequest): void {
    const previous = this.#tracks[kind];
    track.enabled = previous?.enabled ?? true;
    if (previous) this.#unwatch(previous);
    this.#setTracks({ ...this.#tracks, [kind]: track });
    previous?.stop();
    if (kind === 'audio') request.microphoneId = deviceIdOf(track);
    else request.cameraId = deviceIdOf(track);
    this.#watchTracks();
  }

  #setTracks(tracks: LinkTracks): void {
    this.#tracks = tracks;
    this.tracksChanged();
    this.#onPublishedChange?.();
  }

  #releaseTracks(): void {
    for (const track of [this.#tracks.audio, this.#tracks.video]) {
      if (!track) continue;
      this.#unwatch(track);
      track.stop();
    }
  }

  /**
   * Watches the captured tracks held now: their 'ended' event, the page's 'devicechange' (Firefox
   * fires no event at all on a track once it is stopped) and, while in use, a periodic check for
   * a stop from outside.
   */
  #watchTracks(): void {
    if (!this.#captureRequest()) return;
    for (const track of [this.#tracks.audio, this.#tracks.video]) track?.addEventListener('ended', this.#checkTracks);
    navigator.mediaDevices?.addEventListener('devicechange', this.#checkTracks);
    this.#scheduleTrackCheck();
  }

  #unwatch(track: MediaStreamTrack): void {
    track.removeEventListener('ended', this.#checkTracks);
  }

  #scheduleTrackCheck(): void {
    clearTimeout(this.#trackCheck);
    const inUse = this.playing || this.#onPublishedChange !== null;
    if (!this.#captureRequest() || !inUse || (!this.#tracks.audio && !this.#tracks.video)) return;
    this.#trackCheck = setTimeout(() => {
      this.#checkTracks();
      this.#scheduleTrackCheck();
    }, timings().trackCheckIntervalMs);
  }

  readonly #checkTracks = (): void => {
    for (const kind of SWITCH_KINDS) {
      const track = this.#tracks[kind];
      if (!track || track.readyState !== 'ended' || this.#recovering.has(kind) || this.#unrecoverable.has(track)) continue;
      this.#recover(kind, track);
    }
  };

  /** The device behind `ended` went away: capture that device again if it is still listed, else the default. */
  #recover(kind: CaptureKind, ended: MediaStreamTrack): void {
    const request = this.#captureRequest();
    if (!request) return;
    this.#recovering.add(kind);
    const generation = this.#generation;
    const current = () => generation === this.#generation && this.#tracks[kind] === ended;
    this.#deviceChanges = this.#deviceChanges.then(async () => {
      try {
        if (!current()) return;
        const previousId = kind === 'audio' ? request.microphoneId : request.cameraId;
        // The same device if it is still listed, else the default (capture() falls back by itself).
        const media = await capture(
          kind === 'audio'
            ? { audio: true, video: false, microphoneId: previousId }
            : { audio: false, video: true, cameraId: previousId },
        );
        const [track] = media.getTracks();
        if (!current()) {
          track.stop();
          return;
        }
        this.#useDevice(kind, track, request);
        const { audio, video } = this.#tracks;
        this.emit('device-auto-recovered', {
          isCamera: kind === 'video',
          isMicrophone: kind === 'audio',
          cameraId: video ? deviceIdOf(video) : '',
          microphoneId: audio ? deviceIdOf(audio) : '',
        });
      } catch (error) {
        if (!current()) return;
        this.#unrecoverable.add(ended);
        const reason = error instanceof Error ? error.message : String(error);
        this.emit('error', new LoopbackError(TrtcErrorCode.DEVICE_AUTO_RECOVER_FAILED, `capture recovery failed: ${reason}`));
      } finally {
        if (generation === this.#generation) this.#recovering.delete(kind);
      }
    });
  }
}
