import type { TrtcHandler, TrtcPlayOptions, TrtcStream, TrtcStreamEventMap } from '../types.js';
import { Emitter } from '../emitter.js';
import { invalidParameter } from './errors.js';
import type { LinkTracks } from './peer-link.js';
import { StreamPlayer } from './player.js';
import type { PlayerHost, PlayerSettings } from './player.js';
import { check } from './validate.js';

/** The div play() was given: an element, or the id of one in `document` (never inside a shadow root). */
function containerFor(target: unknown): HTMLElement {
  if (target === undefined || target === null) {
    throw invalidParameter(`'elementId' is a required param when calling play(), received: ${String(target)}.`);
  }
  if (typeof target === 'string') {
    const element = document.getElementById(target);
    if (!element) throw invalidParameter("'elementId' is not found in the document object when calling play().");
    return element;
  }
  if (target instanceof HTMLDivElement) return target;
  const type = Object.prototype.toString.call(target).slice(8, -1).toLowerCase();
  throw invalidParameter(`'elementId' must be type of string|HTMLDivElement when calling play(), received type: ${type}.`);
}

function playOptions(options: unknown): Partial<PlayerSettings> {
  check(options, 'options', 'play', { types: ['object'] });
  const { objectFit, muted, mirror } = (options ?? {}) as TrtcPlayOptions;
  // The SDK accepts only these three fits, whatever CSS allows.
  check(objectFit, 'options.objectFit', 'play', { types: ['string'], values: ['contain', 'cover', 'fill'] });
  check(muted, 'options.muted', 'play', { types: ['boolean'] });
  check(mirror, 'options.mirror', 'play', { types: ['boolean'] });
  return Object.fromEntries(Object.entries({ objectFit, muted, mirror }).filter(([, value]) => value !== undefined));
}

/** What local and remote streams share: playback, muting, identity and events. */
export abstract class LoopbackStream implements TrtcStream {
  readonly #id: string;
  readonly #userId: string;
  readonly #events = new Emitter<TrtcStreamEventMap>();
  readonly #playerHost: PlayerHost;
  #player: StreamPlayer | null = null;
  /** The sound output chosen by setAudioOutput() (`''`: the default), kept for later play() calls. */
  #audioOutput = '';

  constructor(id: string, userId: string) {
    this.#id = id;
    this.#userId = userId;
    this.#playerHost = {
      streamId: id,
      stateChanged: (event) => this.#events.emit('player-state-changed', event),
      blocked: (error) => this.#events.emit('error', error),
    };
  }

  /** Playback defaults: a local preview is muted and mirrored, a remote stream is neither. */
  protected abstract readonly playerDefaults: PlayerSettings;

  abstract hasAudio(): boolean;
  abstract hasVideo(): boolean;
  abstract getAudioTrack(): MediaStreamTrack | null;
  abstract getVideoTrack(): MediaStreamTrack | null;
  abstract close(): void;

  getId(): string {
    return this.#id;
  }

  getUserId(): string {
    return this.#userId;
  }

  async play(container: string | HTMLDivElement, options?: TrtcPlayOptions): Promise<void> {
    const parent = containerFor(container);
    const changes = playOptions(options);
    if (this.#player) {
      this.#player.update({ ...this.#player.settings, ...changes }, parent);
      return;
    }
    this.#player = new StreamPlayer(this.#playerHost, parent, { ...this.playerDefaults, ...changes }, this.#audioOutput);
    this.usageChanged();
    await this.#player.show(this.#tracks());
  }

  stop(): void {
    if (!this.#player) return;
    this.#player.destroy();
    this.#player = null;
    this.usageChanged();
  }

  async resume(): Promise<void> {
    await this.#player?.resume();
  }

  muteAudio(): boolean {
    return this.setTrackEnabled(this.getAudioTrack(), false);
  }

  muteVideo(): boolean {
    return this.setTrackEnabled(this.getVideoTrack(), false);
  }

  unmuteAudio(): boolean {
    return this.setTrackEnabled(this.getAudioTrack(), true);
  }

  unmuteVideo(): boolean {
    return this.setTrackEnabled(this.getVideoTrack(), true);
  }

  on<K extends keyof TrtcStreamEventMap>(event: K, handler: TrtcHandler<TrtcStreamEventMap[K]>): void {
    this.#events.on(event, handler);
  }

  off<K extends keyof TrtcStreamEventMap>(event: K, handler: TrtcHandler<TrtcStreamEventMap[K]>): void {
    this.#events.off(event, handler);
  }

  /** Whether the stream plays in the page now (between play() and stop()). */
  protected get playing(): boolean {
    return this.#player !== null;
  }

  /** The stream started or stopped playing; subclasses that care override it. */
  protected usageChanged(): void {}

  /** Sends the sound to `deviceId`; the caller has checked that the browser can and the device exists. */
  protected async routeAudio(deviceId: string): Promise<void> {
    await this.#player?.setAudioOutput(deviceId);
    this.#audioOutput = deviceId;
  }

  protected emit<K extends keyof TrtcStreamEventMap>(event: K, payload: TrtcStreamEventMap[K]): void {
    this.#events.emit(event, payload);
  }

  /** Mutes by disabling the track (silence / black frames go out), as the SDK does; false if there is no such track. */
  protected setTrackEnabled(track: MediaStreamTrack | null, enabled: boolean): boolean {
    if (!track) return false;
    track.enabled = enabled;
    return true;
  }

  /** Subclasses call this when their tracks change, so a playing stream shows the new ones. */
  protected tracksChanged(): void {
    // A refusal by autoplay policy has already been emitted as an 'error' event.
    this.#player?.show(this.#tracks()).catch(() => undefined);
  }

  #tracks(): LinkTracks {
    return { audio: this.getAudioTrack(), video: this.getVideoTrack() };
  }
}
