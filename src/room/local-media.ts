import { DEVICE_AUTO_RECOVER_FAILED, trtcCodeOf } from '../backends/error-codes.js';
import type {
  TrtcBackend,
  TrtcDeviceRecoveredEvent,
  TrtcError,
  TrtcLocalStream,
  TrtcRemoteStream,
  TrtcStreamConfig,
} from '../backends/types.js';
import { captureErrorCode } from './errors.js';
import { step } from './step-failure.js';
import type {
  CoAnchorOptions,
  CoAnchorState,
  DeviceChangeDetail,
  DeviceInfo,
  DeviceKind,
  DeviceState,
  LiveRoomErrorCode,
  LocalStreamSnapshot,
} from './types.js';
import type { Playback } from './view-router.js';

/** This user's camera and microphone; `state.localStream` says whether it is initialized and published. */
export type LocalEntry = Playback<TrtcLocalStream>;

type CaptureKind = Exclude<DeviceKind, 'speaker'>;

const DEVICE_KINDS: readonly DeviceKind[] = ['camera', 'microphone', 'speaker'];
const TRACK_KIND = { camera: 'video', microphone: 'audio' } as const satisfies Record<CaptureKind, 'audio' | 'video'>;
const LIST_OF = { camera: 'cameras', microphone: 'microphones', speaker: 'speakers' } as const satisfies Record<DeviceKind, keyof DeviceState>;
const ID_OF = { camera: 'cameraId', microphone: 'microphoneId', speaker: 'speakerId' } as const satisfies Record<DeviceKind, keyof DeviceState>;

/** Whether this browser can send a media element's audio to a chosen output. */
function canRouteAudio(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

export const NO_DEVICES: DeviceState = Object.freeze({
  cameras: Object.freeze([]),
  microphones: Object.freeze([]),
  speakers: Object.freeze([]),
  cameraId: null,
  microphoneId: null,
  speakerId: null,
  listed: false,
  speakerSelectable: canRouteAudio(),
});

/** Whether `value` names one of the device kinds (a page may pass anything). */
export function isDeviceKind(value: unknown): value is DeviceKind {
  return (DEVICE_KINDS as readonly unknown[]).includes(value);
}

/** A device choice the room could not make: reported with `code`, the previous device kept. */
export class DeviceError extends Error {
  constructor(
    readonly code: LiveRoomErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeviceError';
  }
}

function toInfo(devices: readonly MediaDeviceInfo[]): readonly DeviceInfo[] {
  return Object.freeze(devices.filter((device) => device.deviceId).map(({ deviceId, label }) => Object.freeze({ deviceId, label })));
}

function sameList(a: readonly DeviceInfo[], b: readonly DeviceInfo[]): boolean {
  return a.length === b.length && a.every((device, index) => device.deviceId === b[index].deviceId && device.label === b[index].label);
}

/** What the media owner needs from the room. */
export interface LocalMediaHost {
  /** `state.localStream` and `state.devices` changed. */
  update(patch: { localStream?: LocalStreamSnapshot | null; devices?: DeviceState; coAnchorState?: CoAnchorState }): void;
  deviceChanged(detail: DeviceChangeDetail): void;
  /** Something went wrong that no request is waiting to hear of (a lost device that could not be replaced). */
  failed(code: LiveRoomErrorCode, cause: unknown): void;
  /** Every remote stream the room plays now, whose audio a chosen speaker applies to. */
  remoteStreams(): Iterable<TrtcRemoteStream>;
}

/**
 * The one owner of this user's camera and microphone, whether previewing or live, and of the
 * device choices, which outlive any one capture (off stage and on again, leave and join again).
 * It keeps `state.devices` current while watched (from the first capture or join until leave).
 */
export class LocalMedia {
  readonly #host: LocalMediaHost;
  #entry: LocalEntry | null = null;
  /** The namespace of the last capture or join: how devices are listed. */
  #sdk: TrtcBackend | undefined;
  #snapshot: LocalStreamSnapshot | null = null;
  #devices: DeviceState = NO_DEVICES;
  #watching = false;
  /** Device switches and list refreshes run one after another, each on the state the last left. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #onDeviceChange = () => void this.#serially(() => this.#refresh(true));
  #stopFollowingTracks: () => void = () => {};

  constructor(host: LocalMediaHost) {
    this.#host = host;
  }

  get entry(): LocalEntry | null {
    return this.#entry;
  }

  /** The stream, once initialized (a stream still asking for permission is not yet usable). */
  get captured(): TrtcLocalStream | null {
    return this.#snapshot && this.#entry ? this.#entry.stream : null;
  }

  get devices(): DeviceState {
    return this.#devices;
  }

  /** Creates the local stream with the chosen devices; initialize() it, then call `show()`. */
  create(sdk: TrtcBackend, userId: string, options: CoAnchorOptions): TrtcLocalStream {
    this.#sdk = sdk;
    const config: TrtcStreamConfig = { userId, audio: options.audio !== false, video: options.video !== false };
    if (this.#devices.cameraId) config.cameraId = this.#devices.cameraId;
    if (this.#devices.microphoneId) config.microphoneId = this.#devices.microphoneId;
    const stream = sdk.createStream(config);
    this.#entry = { stream, container: null };
    return stream;
  }

  /**
   * The stream is initialized (`published`: the others receive it): `state.localStream` says so,
   * in the same change as `coAnchorState` when one is given (going live is one change).
   */
  show(published: boolean, coAnchorState?: CoAnchorState): void {
    const stream = this.#entry?.stream;
    if (!stream) return;
    if (!this.#snapshot) {
      this.#followTracks(stream);
      this.watch(this.#sdk);
    }
    this.#setSnapshot({
      hasAudio: stream.hasAudio(),
      hasVideo: stream.hasVideo(),
      published,
      audioMuted: this.#snapshot?.audioMuted ?? false,
      videoMuted: this.#snapshot?.videoMuted ?? false,
    }, coAnchorState);
  }

  /** Mutes or unmutes a captured track; false when there is nothing to mute. */
  setEnabled(kind: 'audio' | 'video', enabled: boolean): boolean {
    const stream = this.captured;
    const snapshot = this.#snapshot;
    if (!stream || !snapshot || !(kind === 'audio' ? snapshot.hasAudio : snapshot.hasVideo)) return false;
    if (kind === 'audio') {
      if (enabled) stream.unmuteAudio();
      else stream.muteAudio();
      this.#setSnapshot({ ...snapshot, audioMuted: !enabled });
    } else {
      if (enabled) stream.unmuteVideo();
      else stream.muteVideo();
      this.#setSnapshot({ ...snapshot, videoMuted: !enabled });
    }
    return true;
  }

  /** Stops and closes the local stream (the camera goes off even if the SDK trips); says whether there was one. */
  release(): boolean {
    const entry = this.#entry;
    if (!entry) return false;
    this.#entry = null;
    this.#snapshot = null;
    this.#stopFollowingTracks();
    this.#stopFollowingTracks = () => {};
    for (const release of [() => entry.stream.stop(), () => entry.stream.close()]) {
      try {
        release();
      } catch {
        // The stream is forgotten all the same; closing its tracks is what turns the camera off.
      }
    }
    return true;
  }

  /** Keeps `state.devices` current (on `devicechange`) from now until `unwatch()`. */
  watch(sdk: TrtcBackend | undefined): Promise<unknown> {
    if (sdk) this.#sdk = sdk;
    if (!this.#watching && navigator.mediaDevices) {
      this.#watching = true;
      navigator.mediaDevices.addEventListener('devicechange', this.#onDeviceChange);
    }
    return this.#serially(() => this.#refresh(false));
  }

  unwatch(): void {
    if (!this.#watching) return;
    this.#watching = false;
    navigator.mediaDevices?.removeEventListener('devicechange', this.#onDeviceChange);
  }

  /**
   * Chooses the device of `kind`: before capture it is what capture opens; while capturing the
   * stream switches to it in place; a speaker applies to every remote stream. Throws a
   * DeviceError (the previous device stays) or a StepFailure of the switch.
   */
  select(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.#serially(async () => {
      if (kind === 'speaker' && !this.#devices.speakerSelectable) {
        throw new DeviceError('device-not-found', 'this browser cannot choose where audio plays');
      }
      await this.#refresh(false);
      if (!this.#devices[LIST_OF[kind]].some((device) => device.deviceId === deviceId)) {
        throw new DeviceError('device-not-found', `no ${kind} has the id ${JSON.stringify(deviceId)}`);
      }
      if (kind === 'speaker') {
        await Promise.all([...this.#host.remoteStreams()].map((stream) => this.routeAudio(stream, deviceId)));
      } else {
        const stream = this.captured;
        if (stream && this.#trackOf(stream, kind)) {
          await step(captureErrorCode, () => stream.switchDevice(TRACK_KIND[kind], deviceId));
          if (this.captured === stream) this.#showOpened(stream);
        }
      }
      this.#setDevices({ ...this.#devices, [ID_OF[kind]]: deviceId });
    });
  }

  /** Plays `stream`'s audio on the chosen speaker (where the browser can route audio). */
  async routeAudio(stream: TrtcRemoteStream, deviceId = this.#devices.speakerId): Promise<void> {
    if (!deviceId || !this.#devices.speakerSelectable) return;
    await stream.setAudioOutput(deviceId);
  }

  #trackOf(stream: TrtcLocalStream, kind: CaptureKind): MediaStreamTrack | null {
    return kind === 'camera' ? stream.getVideoTrack() : stream.getAudioTrack();
  }

  /**
   * Follows the SDK's device recovery: when a captured device goes away (unplugged, revoked) the
   * stream captures the default in its place, still published, and says which; or fails to.
   */
  #followTracks(stream: TrtcLocalStream): void {
    this.#stopFollowingTracks();
    const recovered = (event: TrtcDeviceRecoveredEvent) =>
      void this.#serially(async () => {
        if (this.captured !== stream) return;
        await this.#refresh(false);
        if (event.isCamera) this.#lost('camera', event.cameraId || null);
        if (event.isMicrophone) this.#lost('microphone', event.microphoneId || null);
      });
    const failed = (error: TrtcError) => {
      if (this.captured !== stream || trtcCodeOf(error) !== DEVICE_AUTO_RECOVER_FAILED) return;
      // The error does not say which device: the one whose track is left ended.
      for (const kind of ['camera', 'microphone'] as const) if (this.#trackOf(stream, kind)?.readyState === 'ended') this.#lost(kind, null);
      this.#host.failed('device-not-found', error);
    };
    stream.on('device-auto-recovered', recovered);
    stream.on('error', failed);
    this.#stopFollowingTracks = () => {
      stream.off('device-auto-recovered', recovered);
      stream.off('error', failed);
    };
    this.#showOpened(stream);
  }

  /** What capture opened is what the room uses: the select shows it even when the default was asked for. */
  #showOpened(stream: TrtcLocalStream): void {
    const opened = (kind: CaptureKind) => this.#trackOf(stream, kind)?.getSettings().deviceId || this.#devices[ID_OF[kind]];
    this.#setDevices({ ...this.#devices, cameraId: opened('camera'), microphoneId: opened('microphone') });
  }

  /** The `kind` in use went away; `deviceId` took its place (null: none could). */
  #lost(kind: CaptureKind, deviceId: string | null): void {
    const lostDeviceId = this.#devices[ID_OF[kind]] ?? '';
    this.#setDevices({ ...this.#devices, [ID_OF[kind]]: deviceId });
    this.#host.deviceChanged(Object.freeze({ reason: 'lost', kind, lostDeviceId, deviceId, devices: this.#devices }));
  }

  /** Lists the devices again; `announce`: a `devicechange` asked, so a changed list is announced. */
  async #refresh(announce: boolean): Promise<void> {
    const lists = await this.#list().catch(() => null);
    if (!lists) return;
    const [cameras, microphones, speakers] = lists;
    // Before access is allowed the browser hides names (and on some browsers the devices themselves).
    const listed = [...cameras, ...microphones].some((device) => device.label);
    const next: DeviceState = {
      ...this.#devices,
      listed,
      cameras: listed ? toInfo(cameras) : NO_DEVICES.cameras,
      microphones: listed ? toInfo(microphones) : NO_DEVICES.microphones,
      speakers: listed && this.#devices.speakerSelectable ? toInfo(speakers) : NO_DEVICES.speakers,
    };
    const changed = next.listed !== this.#devices.listed || (['cameras', 'microphones', 'speakers'] as const).some((key) => !sameList(next[key], this.#devices[key]));
    if (!changed) return;
    this.#setDevices(next);
    if (announce) this.#host.deviceChanged(Object.freeze({ reason: 'list', devices: this.#devices }));
  }

  #list(): Promise<[MediaDeviceInfo[], MediaDeviceInfo[], MediaDeviceInfo[]]> {
    const sdk = this.#sdk;
    if (sdk) return Promise.all([sdk.getCameras(), sdk.getMicrophones(), sdk.getSpeakers()]);
    return navigator.mediaDevices.enumerateDevices().then((devices) => {
      const of = (kind: MediaDeviceKind) => devices.filter((device) => device.kind === kind);
      return [of('videoinput'), of('audioinput'), of('audiooutput')];
    });
  }

  #setSnapshot(snapshot: LocalStreamSnapshot, coAnchorState?: CoAnchorState): void {
    this.#snapshot = Object.freeze(snapshot);
    this.#host.update({ localStream: this.#snapshot, ...(coAnchorState && { coAnchorState }) });
  }

  #setDevices(devices: DeviceState): void {
    this.#devices = Object.freeze(devices);
    this.#host.update({ devices: this.#devices });
  }

  #serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
