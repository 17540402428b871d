import type { TrtcRemoteStream, TrtcRemoteStreamType } from '../types.js';
import { TrtcErrorCode } from '../error-codes.js';
import { getSpeakers } from './devices.js';
import { LoopbackError, notSupported } from './errors.js';
import { randomId } from './ids.js';
import type { LinkTracks } from './peer-link.js';
import type { StreamAdvert } from './protocol.js';
import { LoopbackStream } from './stream.js';
import { check } from './validate.js';

const NO_TRACKS: LinkTracks = Object.freeze({ audio: null, video: null });

/**
 * Another client's published stream as one client sees it: announced by 'stream-added', given
 * tracks by subscribe(), ended by 'stream-removed'. Its id is its own (like the SDK's remote
 * streams), so a stream removed and announced again is a new object with a new id.
 */
export class LoopbackRemoteStream extends LoopbackStream implements TrtcRemoteStream {
  protected readonly playerDefaults = { muted: false, objectFit: 'cover' as const, mirror: false };
  #advert: StreamAdvert;
  #received: LinkTracks = NO_TRACKS;

  constructor(userId: string, advert: StreamAdvert) {
    super(randomId(), userId);
    this.#advert = advert;
  }

  getType(): TrtcRemoteStreamType {
    return 'main';
  }

  /**
   * Like the SDK's: `HTMLMediaElement.setSinkId()` on the stream's audio element. `''` is the
   * system's default output; any other id must be one of `getSpeakers()`.
   */
  async setAudioOutput(deviceId: string): Promise<void> {
    check(deviceId, 'deviceId', 'setAudioOutput', { required: true, types: ['string'] });
    if (!('setSinkId' in HTMLMediaElement.prototype)) {
      throw notSupported('this browser cannot choose where sound is played (no HTMLMediaElement.setSinkId).');
    }
    if (deviceId !== '' && !(await getSpeakers()).some((device) => device.deviceId === deviceId)) {
      throw new LoopbackError(TrtcErrorCode.DEVICE_NOT_FOUND, `no speaker with deviceId "${deviceId}" was found.`);
    }
    try {
      await this.routeAudio(deviceId);
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      if (name === 'NotFoundError') {
        throw new LoopbackError(TrtcErrorCode.DEVICE_NOT_FOUND, `no speaker with deviceId "${deviceId}" was found.`);
      }
      throw new LoopbackError(TrtcErrorCode.INVALID_OPERATION, `setAudioOutput() failed: ${message}`, name);
    }
  }

  hasAudio(): boolean {
    return this.#advert.audio;
  }

  hasVideo(): boolean {
    return this.#advert.video;
  }

  getAudioTrack(): MediaStreamTrack | null {
    return this.#advert.audio ? this.#received.audio : null;
  }

  getVideoTrack(): MediaStreamTrack | null {
    return this.#advert.video ? this.#received.video : null;
  }

  /** For a remote stream, close() only stops playback; the subscription is the client's. */
  close(): void {
    this.stop();
  }

  /** What its publisher last said about it. */
  get advert(): StreamAdvert {
    return this.#advert;
  }

  updateAdvert(advert: StreamAdvert): void {
    const mediaChanged = advert.audio !== this.#advert.audio || advert.video !== this.#advert.video;
    this.#advert = advert;
    if (mediaChanged) this.tracksChanged();
  }

  /** The tracks of its current subscription (none once unsubscribed or removed). */
  receive(tracks: LinkTracks | null): void {
    this.#received = tracks ?? NO_TRACKS;
    this.tracksChanged();
  }
}
