import type { TrtcLocalStream, TrtcStreamConfig } from '../types.js';
import { capture } from './devices.js';
import type { CaptureRequest } from './devices.js';
import { callAborted, invalidParameter, notSupported } from './errors.js';
import { randomId } from './ids.js';
import type { LinkTracks } from './peer-link.js';
import type { StreamAdvert } from './protocol.js';
import { LoopbackStream } from './stream.js';
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

/**
 * A camera/microphone stream (or one built from the page's own tracks) that a client publishes.
 * Like the SDK's, close() stops its tracks, given ones included, and it can be initialised again.
 */
export class LoopbackLocalStream extends LoopbackStream implements TrtcLocalStream {
  protected readonly playerDefaults = { muted: true, objectFit: 'cover' as const, mirror: true };
  readonly #source: Source;
  #tracks: LinkTracks = NO_TRACKS;
  #initializing: Promise<void> | null = null;
  /** Bumped by close(): a capture that finishes afterwards must not bring the stream back. */
  #generation = 0;
  #onPublishedChange: (() => void) | null = null;

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

  async switchDevice(_type: 'audio' | 'video', _deviceId: string): Promise<void> {
    throw notSupported('switchDevice() is not implemented by the loopback yet');
  }

  close(): void {
    this.stop();
    this.#generation += 1;
    this.#tracks.audio?.stop();
    this.#tracks.video?.stop();
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
    const previous = this.#tracks;
    this.#setTracks({ audio: media.getAudioTracks()[0] ?? null, video: media.getVideoTracks()[0] ?? null });
    previous.audio?.stop();
    previous.video?.stop();
  }

  #setTracks(tracks: LinkTracks): void {
    this.#tracks = tracks;
    this.tracksChanged();
    this.#onPublishedChange?.();
  }
}
