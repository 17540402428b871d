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

export interface TrtcStreamEventMap {
  'player-state-changed': TrtcPlayerStateEvent;
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
}

export interface TrtcRemoteStream extends TrtcStream {
  getType(): TrtcRemoteStreamType;
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
  error: TrtcError;
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
}
