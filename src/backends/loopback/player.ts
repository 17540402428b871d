import { TrtcErrorCode } from '../error-codes.js';
import type { TrtcObjectFit, TrtcPlayerStateEvent } from '../types.js';
import { LoopbackError } from './errors.js';
import type { LinkTracks } from './peer-link.js';

export interface PlayerSettings {
  muted: boolean;
  objectFit: TrtcObjectFit;
  mirror: boolean;
}

/** What a player reports to its stream. */
export interface PlayerHost {
  readonly streamId: string;
  stateChanged(event: TrtcPlayerStateEvent): void;
  /** Autoplay policy refused to start an element; the stream emits it as its 'error' event. */
  blocked(error: LoopbackError): void;
}

type Kind = 'audio' | 'video';
type State = TrtcPlayerStateEvent['state'];

/**
 * One track in one media element, reporting its state the way the SDK's players do: the
 * element's playing / pause / ended, and the track's mute / unmute / ended.
 */
class TrackPlayer {
  readonly element: HTMLMediaElement;
  #state: State | null = null;
  readonly #listeners: [EventTarget, string, () => void][];

  constructor(
    readonly kind: Kind,
    readonly track: MediaStreamTrack,
    settings: PlayerSettings,
    private readonly host: PlayerHost,
  ) {
    const element = document.createElement(kind);
    element.id = `${kind}_${host.streamId}`;
    element.setAttribute('autoplay', 'autoplay');
    element.setAttribute('playsinline', 'playsinline');
    element.srcObject = new MediaStream([track]);
    this.element = element;
    this.apply(settings);
    const report = (state: State, reason: string) => () => this.#report(state, reason);
    this.#listeners = [
      [element, 'playing', report('PLAYING', 'playing')],
      [element, 'pause', report('PAUSED', 'pause')],
      [element, 'ended', report('STOPPED', 'ended')],
      [track, 'mute', report('PAUSED', 'mute')],
      [track, 'unmute', report('PLAYING', 'unmute')],
      [track, 'ended', report('STOPPED', 'ended')],
    ];
    for (const [target, type, listener] of this.#listeners) target.addEventListener(type, listener);
  }

  apply({ muted, objectFit, mirror }: PlayerSettings): void {
    // Sound comes only from the audio element, so the video element is always muted, which also
    // lets it autoplay: a blocked autoplay then blocks the sound, not the picture.
    this.element.muted = this.kind === 'video' || muted;
    if (this.kind === 'video') {
      const style = this.element.style;
      style.width = '100%';
      style.height = '100%';
      style.objectFit = objectFit;
      style.transform = mirror ? 'scaleX(-1)' : '';
    }
  }

  /**
   * Starts playback. Autoplay policy refusing it is PLAY_NOT_ALLOWED; any other failure (stop()
   * interrupting, a source that went away) is not an error for the SDK either, so it is ignored.
   */
  async play(): Promise<void> {
    try {
      await this.element.play();
    } catch (error) {
      const { name, message } = error as { name?: unknown; message?: unknown };
      if (name !== 'NotAllowedError') return;
      const media = this.kind === 'audio' ? 'Audio' : 'Video';
      throw new LoopbackError(
        TrtcErrorCode.PLAY_NOT_ALLOWED,
        `${media} play failed, browser exception: NotAllowedError: ${String(message)}`,
      );
    }
  }

  destroy(): void {
    // Listeners first: a removed element pauses, and stop() reports nothing, like the SDK.
    for (const [target, type, listener] of this.#listeners) target.removeEventListener(type, listener);
    this.element.remove();
    this.element.srcObject = null;
  }

  #report(state: State, reason: string): void {
    if (state === this.#state) return;
    this.#state = state;
    this.host.stateChanged({ type: this.kind, state, reason });
  }
}

/**
 * What `stream.play(div)` puts in the page: a `player_<streamId>` div filling the given one,
 * holding an `<audio>` and a `<video>` element for the stream's tracks, as the SDK builds it.
 */
export class StreamPlayer {
  readonly container: HTMLDivElement;
  #settings: PlayerSettings;
  readonly #players = new Map<Kind, TrackPlayer>();
  #audioOutput: string;

  constructor(
    private readonly host: PlayerHost,
    parent: HTMLElement,
    settings: PlayerSettings,
    audioOutput: string,
  ) {
    this.#settings = settings;
    this.#audioOutput = audioOutput;
    this.container = document.createElement('div');
    this.container.id = `player_${host.streamId}`;
    Object.assign(this.container.style, {
      width: '100%',
      height: '100%',
      position: 'relative',
      backgroundColor: 'black',
      overflow: 'hidden',
    });
    parent.append(this.container);
  }

  get settings(): PlayerSettings {
    return this.#settings;
  }

  /** play() on a stream that is already playing: new options, and maybe a new place in the page. */
  update(settings: PlayerSettings, parent: HTMLElement): void {
    this.#settings = settings;
    for (const player of this.#players.values()) player.apply(settings);
    if (this.container.parentElement !== parent) parent.append(this.container);
  }

  /** Routes the sound to the output `deviceId` (`''`: the system's default), now and for later elements. */
  async setAudioOutput(deviceId: string): Promise<void> {
    await this.#players.get('audio')?.element.setSinkId(deviceId);
    this.#audioOutput = deviceId;
  }

  /**
   * Makes the elements match `tracks`: a new track gets a new element, which starts playing.
   * Every element autoplay policy refuses is reported to the host; the promise rejects with the
   * first refusal.
   */
  async show(tracks: LinkTracks): Promise<void> {
    const starting: Promise<void>[] = [];
    for (const kind of ['audio', 'video'] as const) {
      const track = tracks[kind];
      const current = this.#players.get(kind);
      if (current?.track === track) continue;
      current?.destroy();
      this.#players.delete(kind);
      if (!track) continue;
      const player = new TrackPlayer(kind, track, this.#settings, this.host);
      this.#players.set(kind, player);
      if (kind === 'audio') {
        // The output was checked when it was chosen; one unplugged since plays on the default.
        if (this.#audioOutput) player.element.setSinkId(this.#audioOutput).catch(() => undefined);
        this.container.prepend(player.element);
      } else {
        this.container.append(player.element);
      }
      starting.push(
        player.play().catch((error: LoopbackError) => {
          this.host.blocked(error);
          throw error;
        }),
      );
    }
    await Promise.all(starting);
  }

  /**
   * Retries playback after a user gesture: audio first, then video, stopping at the first
   * refusal, which rejects (without an 'error' event, as the SDK's resume() does).
   */
  async resume(): Promise<void> {
    for (const kind of ['audio', 'video'] as const) await this.#players.get(kind)?.play();
  }

  destroy(): void {
    for (const player of this.#players.values()) player.destroy();
    this.#players.clear();
    this.container.remove();
  }
}
