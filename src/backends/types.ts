/**
 * The part of the `trtc-js-sdk` v4 namespace this kit relies on. The real SDK and the loopback
 * backend both satisfy it, so the room controller is written once against this shape.
 */

export type TrtcRole = 'anchor' | 'audience';
export type TrtcMode = 'live' | 'rtc';
export type TrtcConnectionState = 'DISCONNECTED' | 'CONNECTING' | 'RECONNECTING' | 'CONNECTED';
export type TrtcRemoteStreamType = 'main' | 'auxiliary';
export type TrtcObjectFit = 'contain' | 'cover' | 'fill' | 'none' | 'scale-down';

/** An SDK error: an `Error` that carries one of TRTC's numeric codes. */
export interface TrtcError extends Error {
  getCode(): number;
}

export interface TrtcClientConfig {
  sdkAppId: number;
  userId: string;
  userSig: string;
  mode: TrtcMode;
  useStringRoomId?: boolean;
  autoSubscribe?: boolean;
  enableAutoPlayDialog?: boolean;
}

export interface TrtcJoinOptions {
  roomId: number | string;
  role?: TrtcRole;
}

export interface TrtcStreamConfig {
  userId?: string;
  audio?: boolean;
  video?: boolean;
  cameraId?: string;
  microphoneId?: string;
  audioSource?: MediaStreamTrack;
  videoSource?: MediaStreamTrack;
}

export interface TrtcPlayOptions {
  objectFit?: TrtcObjectFit;
  muted?: boolean;
  mirror?: boolean;
}

export interface TrtcPlayerStateEvent {
  type: 'audio' | 'video';
  state: 'PLAYING' | 'PAUSED' | 'STOPPED';
  reason: string;
}

/**
 * What a local stream recaptured after the camera or microphone in use went away (v4.13+'s
 * 'device-auto-recovered'). The ids are those of the devices now capturing.
 */
export interface TrtcDeviceRecoveredEvent {
  isCamera: boolean;
  isMicrophone: boolean;
  cameraId: string;
  microphoneId: string;
}

export interface TrtcStreamEventMap {
  'player-state-changed': TrtcPlayerStateEvent;
  /**
   * Device recovery, as v4 does it (a local stream only). When a captured track ends without the
   * stream stopping it (the device was unplugged: its 'ended' event; or, while the stream is
   * published or playing, its track was stopped from outside, which fires nothing: the loopback
   * notices within half a second), the stream captures again: the same device if it is still
   * listed, else the browser's default (the loopback's `loopbackTesting.unplugDevice()` simulates
   * a real unplug: the device also leaves the lists, so the default is used). The new
   * track replaces the old one in place: a published stream keeps publishing (no unpublish, no
   * renegotiation), a playing preview keeps playing, and the mute state is kept. Then this event
   * fires with the ids now in use. If capture fails, the stream emits 'error' with
   * DEVICE_AUTO_RECOVER_FAILED (0x4044) and that track stays ended; the rest of the stream goes on.
   * The v5 wrapper does not emit it: v5 has no such event (its DEVICE_CHANGED is not mapped).
   */
  'device-auto-recovered': TrtcDeviceRecoveredEvent;
  error: TrtcError;
}

export type TrtcHandler<T> = (event: T) => void;

export interface TrtcStream {
  play(container: string | HTMLDivElement, options?: TrtcPlayOptions): Promise<void>;
  stop(): void;
  resume(): Promise<void>;
  close(): void;
  muteAudio(): boolean;
  muteVideo(): boolean;
  unmuteAudio(): boolean;
  unmuteVideo(): boolean;
  getId(): string;
  getUserId(): string;
  hasAudio(): boolean;
  hasVideo(): boolean;
  getAudioTrack(): MediaStreamTrack | null;
  getVideoTrack(): MediaStreamTrack | null;
  on<K extends keyof TrtcStreamEventMap>(event: K, handler: TrtcHandler<TrtcStreamEventMap[K]>): void;
  off<K extends keyof TrtcStreamEventMap>(event: K, handler: TrtcHandler<TrtcStreamEventMap[K]>): void;
}

export interface TrtcLocalStream extends TrtcStream {
  initialize(): Promise<void>;
  /**
   * Captures `deviceId` and puts its track in place of the current one of that kind (published or
   * not: no unpublish, no renegotiation; the old track is stopped; the mute state is kept). An id
   * no device has fails with DEVICE_NOT_FOUND (0x1003; v4 itself: INITIALIZE_FAILED named
   * OverconstrainedError, so read it with `isMissingDevice()`) and the current device stays in
   * use; a stream that is not initialised fails with INVALID_OPERATION (0x1001). The device
   * already in use is no switch (as in v4: nothing changes). v4 refuses with NOT_SUPPORTED where
   * the browser has no `RTCRtpSender.replaceTrack` (WebKitGTK here); the loopback and the v5
   * wrapper switch a preview there too.
   */
  switchDevice(type: 'audio' | 'video', deviceId: string): Promise<void>;
}

export interface TrtcRemoteStream extends TrtcStream {
  getType(): TrtcRemoteStreamType;
  /**
   * Routes the stream's sound to the output `deviceId` (from `getSpeakers()`), now and for later
   * play() calls. Where the browser cannot choose an output (no `HTMLMediaElement.setSinkId`), it
   * fails with NOT_SUPPORTED (0x1002); an unknown id fails with DEVICE_NOT_FOUND (0x1003; v4: the
   * browser's NotFoundError, see `isMissingDevice()`).
   */
  setAudioOutput(deviceId: string): Promise<void>;
}

export interface TrtcStreamInfo {
  stream: TrtcRemoteStream;
}

export interface TrtcUserInfo {
  userId: string;
}

export interface TrtcClientEventMap {
  'stream-added': TrtcStreamInfo;
  'stream-removed': TrtcStreamInfo;
  'stream-updated': TrtcStreamInfo;
  'stream-subscribed': TrtcStreamInfo;
  'peer-join': TrtcUserInfo;
  'peer-leave': TrtcUserInfo;
  'mute-audio': TrtcUserInfo;
  'mute-video': TrtcUserInfo;
  'unmute-audio': TrtcUserInfo;
  'unmute-video': TrtcUserInfo;
  'connection-state-changed': { prevState: TrtcConnectionState; state: TrtcConnectionState };
  'client-banned': { reason: string; message?: string };
  /**
   * Every `interval` ms once `enableAudioVolumeEvaluation(interval)` was called, while joined: one
   * entry for the published local stream and one per subscribed remote stream, `audioVolume` 0–100.
   */
  'audio-volume': { result: TrtcAudioVolume[] };
  /** Every 2 s while joined, from the media connections' statistics (see TrtcNetworkQuality). */
  'network-quality': TrtcNetworkQualityEvent;
  error: TrtcError;
}

export interface TrtcAudioVolume {
  userId: string;
  audioVolume: number;
  stream: TrtcStream;
}

/**
 * TRTC's network quality scale: 0 unknown, 1 excellent, 2 good, 3 poor, 4 bad, 5 very bad,
 * 6 disconnected. A direction with nothing to measure is 0: uplink while nobody receives what
 * the client publishes (or it publishes nothing), downlink while it is subscribed to nothing.
 */
export type TrtcNetworkQuality = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface TrtcNetworkQualityEvent {
  uplinkNetworkQuality: TrtcNetworkQuality;
  downlinkNetworkQuality: TrtcNetworkQuality;
}

export interface TrtcRemoteMutedState {
  userId: string;
  hasAudio: boolean;
  hasVideo: boolean;
  audioMuted: boolean;
  videoMuted: boolean;
}

export interface TrtcClient {
  join(options: TrtcJoinOptions): Promise<void>;
  leave(): Promise<void>;
  publish(stream: TrtcLocalStream): Promise<void>;
  unpublish(stream: TrtcLocalStream): Promise<void>;
  subscribe(stream: TrtcRemoteStream, options?: { audio?: boolean; video?: boolean }): Promise<void>;
  unsubscribe(stream: TrtcRemoteStream): Promise<void>;
  switchRole(role: TrtcRole): Promise<void>;
  on<K extends keyof TrtcClientEventMap>(event: K, handler: TrtcHandler<TrtcClientEventMap[K]>): void;
  off<K extends keyof TrtcClientEventMap>(event: K, handler: TrtcHandler<TrtcClientEventMap[K]>): void;
  getRemoteMutedState(): TrtcRemoteMutedState[];
  /**
   * Starts the 'audio-volume' event every `interval` ms (default 2000, at least 16), or stops it
   * for `interval <= 0`; a non-number fails with INVALID_PARAMETER. Leave stops it too.
   */
  enableAudioVolumeEvaluation(interval?: number, enableInBackground?: boolean): void;
  destroy(): void;
}

export interface TrtcSystemCheck {
  result: boolean;
  detail: {
    isBrowserSupported: boolean;
    isWebRTCSupported: boolean;
    isMediaDevicesSupported: boolean;
    [capability: string]: boolean;
  };
}

export interface TrtcLogger {
  setLogLevel(level: number): void;
  enableUploadLog(): void;
  disableUploadLog(): void;
}

/** A namespace shaped like the `trtc-js-sdk` v4 default export. */
export interface TrtcBackend {
  VERSION: string;
  Logger: TrtcLogger;
  checkSystemRequirements(): Promise<TrtcSystemCheck>;
  createClient(config: TrtcClientConfig): TrtcClient;
  createStream(config: TrtcStreamConfig): TrtcLocalStream;
  getCameras(): Promise<MediaDeviceInfo[]>;
  getMicrophones(): Promise<MediaDeviceInfo[]>;
  /** Audio outputs (`audiooutput` devices); empty where the browser does not list them (Firefox, Safari). */
  getSpeakers(): Promise<MediaDeviceInfo[]>;
}
