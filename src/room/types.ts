import type { BackendName } from '../backends/loader.js';
import type { TrtcBackend, TrtcRole } from '../backends/types.js';
import type { CoAnchorSignaling } from '../signaling/types.js';

/** Where the room is in its life: reflected as `connection-state` on `<trtc-live-room>`. */
export type ConnectionState = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'leaving' | 'left' | 'failed';

/** Where this user is in going on stage: reflected as `co-anchor-state`. */
export type CoAnchorState = 'idle' | 'previewing' | 'requesting' | 'starting' | 'live' | 'stopping';

export type RoomRole = TrtcRole;
export type StreamType = 'main' | 'auxiliary';

/** Our own error codes (kebab-case), stable for page authors to switch on. */
export type LiveRoomErrorCode =
  | 'invalid-config'
  | 'credentials-failed'
  | 'unsupported-browser'
  | 'join-failed'
  | 'leave-failed'
  | 'permission-denied'
  | 'device-not-found'
  | 'device-busy'
  | 'switch-role-failed'
  | 'publish-failed'
  | 'co-anchor-failed'
  | 'connection-lost'
  | 'kicked'
  | 'chunk-load-failed'
  /** Co-anchor requests cannot travel: the `signaling` transport failed to connect or to send. */
  | 'signaling-failed';

/** Detail of `trtc-error`. Never contains the user signature. */
export interface LiveRoomErrorDetail {
  readonly code: LiveRoomErrorCode;
  /** The TRTC SDK's numeric code, when the SDK reported one. */
  readonly sdkCode?: number;
  /** A developer-facing English description (the page shows a localized one). */
  readonly message: string;
  /** True when trying again (joining again, tapping the button again) may succeed. */
  readonly recoverable: boolean;
  /** For `invalid-config`: the attribute at fault, e.g. `room-id`. */
  readonly field?: ConfigField;
  /** For `chunk-load-failed`: the URL of the kit's file that could not be loaded. */
  readonly file?: string;
  /** For `credentials-failed`: the `message` of the credentials endpoint's JSON error answer. */
  readonly serverMessage?: string;
}

export type ConfigField =
  | 'sdk-app-id'
  | 'room-id'
  | 'user-id'
  | 'user-sig'
  | 'credentials-url'
  | 'user-role'
  | 'backend'
  | 'signaling'
  | 'host-id'
  | 'max-co-anchors';

/** One remote stream in the room, in join order. Frozen. */
export interface RemoteStreamSnapshot {
  /** Stable key: `${userId}:${type}`. */
  readonly key: string;
  readonly userId: string;
  readonly type: StreamType;
  readonly hasAudio: boolean;
  readonly hasVideo: boolean;
  readonly audioMuted: boolean;
  readonly videoMuted: boolean;
  /** The room has subscribed to the stream, so a view can play it. */
  readonly subscribed: boolean;
  /** Video (or audio-only) is playing in a view. */
  readonly playing: boolean;
  /** The browser refused to start playback without a user gesture; `resumePlayback()` fixes it. */
  readonly autoplayBlocked: boolean;
  /** The anchor is speaking now (from the SDK's audio volume, steadied so it does not flicker). */
  readonly speaking: boolean;
}

/** This user's own camera/mic stream while on stage. Frozen. */
export interface LocalStreamSnapshot {
  readonly hasAudio: boolean;
  readonly hasVideo: boolean;
  /** The other parties receive it. */
  readonly published: boolean;
  /** The microphone is muted (`setMicrophoneEnabled(false)`): still captured, sending silence. */
  readonly audioMuted: boolean;
  /** The camera is muted (`setCameraEnabled(false)`): still captured, sending no picture. */
  readonly videoMuted: boolean;
}

/** Everything observable about a room. Immutable; a new object on every real change. */
export interface LiveRoomState {
  readonly connectionState: ConnectionState;
  readonly coAnchorState: CoAnchorState;
  /** The role currently held in the room (changes while co-anchoring). */
  readonly role: RoomRole;
  readonly roomId: number | string | null;
  readonly userId: string | null;
  readonly remoteStreams: readonly RemoteStreamSnapshot[];
  readonly localStream: LocalStreamSnapshot | null;
  /** The last error reported, until the next join starts. */
  readonly error: LiveRoomErrorDetail | null;
  /** Whether this browser can capture and publish; null until checked on join. */
  readonly canPublish: boolean | null;
  /** The role the room joined with (`user-role`), which co-anchoring does not change: `anchor` is the host. */
  readonly joinedRole: RoomRole | null;
  /** As the host (with `signaling`): the viewers asking to go on stage, in arrival order. */
  readonly coAnchorRequests: readonly CoAnchorRequestSnapshot[];
  /** As the host (with `signaling`): the viewers it approved who are on stage, in approval order. */
  readonly coAnchors: readonly CoAnchorSnapshot[];
  /** The cameras, microphones and speakers, and the ones chosen. */
  readonly devices: DeviceState;
  /** This user's connection to the room, on TRTC's 0 (unknown) – 6 (down) scale. */
  readonly networkQuality: NetworkQuality;
}

/** Settings of a room, as given by attributes or by a framework. */
export interface LiveRoomConfig {
  /** A TRTC-v4-shaped namespace to use; wins over `backend`. */
  sdk?: TrtcBackend;
  /** Which backend to load when no `sdk` is given: `trtc` (default) or `loopback`. */
  backend?: BackendName;
  sdkAppId?: number | string | null;
  roomId?: number | string | null;
  userId?: string | null;
  userSig?: string | null;
  credentialsUrl?: string | null;
  /** Allow `credentialsUrl` on another origin than the page's, fetched with cookies included. */
  credentialsCrossOrigin?: boolean;
  role?: RoomRole | string | null;
  autoPublish?: boolean;
  /**
   * How co-anchor requests travel: `loopback`, `tencent-chat`, or a transport of your own. A
   * viewer then asks `hostId` before going on stage; a room joined as anchor is the host who answers.
   */
  signaling?: CoAnchorSignaling | SignalingName | string | null;
  /** The user a viewer asks to go on stage (with `signaling`). */
  hostId?: string | null;
  /** As the host: how many approved co-anchors may be on stage at once (default 6). */
  maxCoAnchors?: number | string | null;
}

export interface CoAnchorRequest {
  readonly roomId: number | string;
  readonly userId: string;
}

/** Decides whether this viewer may go on stage; resolve false to deny. */
export type ApproveCoAnchor = (request: CoAnchorRequest) => boolean | Promise<boolean>;

/** What `startCoAnchor()` publishes; both default to true. */
export interface CoAnchorOptions {
  audio?: boolean;
  video?: boolean;
}

export interface CoAnchorChangeDetail {
  /** The co-anchor state now. */
  readonly state: CoAnchorState;
  /** The co-anchor state before this change. */
  readonly previousState: CoAnchorState;
  /** True when the approval hook or the host said no (`reason` `denied` or `full`). */
  readonly denied: boolean;
  /** Why a request or a time on stage ended, when it did not end by this user's own stopCoAnchor() on stage. */
  readonly reason: CoAnchorChangeReason | null;
}

/** The transports a `signaling` attribute can name. */
export type SignalingName = 'loopback' | 'tencent-chat';

/**
 * Why co-anchoring ended in `idle`: the host `denied` the request, the stage was `full`, no answer
 * came in time (`timeout`), the host took this user off stage (`removed`), this user withdrew the
 * request (`cancelled`), or the host left (`host-left`).
 */
export type CoAnchorChangeReason = 'denied' | 'timeout' | 'full' | 'removed' | 'cancelled' | 'host-left';

/** A viewer waiting for the host's answer. Frozen. */
export interface CoAnchorRequestSnapshot {
  readonly userId: string;
  /** When the request arrived, in milliseconds since the epoch (`Date.now()`). */
  readonly since: number;
}

/** A co-anchor the host approved, on stage. Frozen. */
export interface CoAnchorSnapshot {
  readonly userId: string;
  /** When the host approved them, in milliseconds since the epoch. */
  readonly since: number;
}

/** What happened to a request, as the host sees it. */
export type CoAnchorRequestStatus = 'pending' | 'cancelled' | 'expired';

/** Detail of `trtc-co-anchor-request` (the host's room): a request arrived, was withdrawn, or expired. */
export interface CoAnchorRequestDetail {
  readonly userId: string;
  /** `pending`: it arrived; `cancelled`: the viewer withdrew it or went away; `expired`: not answered in time. */
  readonly status: CoAnchorRequestStatus;
}

/** Detail of `trtc-joined` and `trtc-left`: the room, who, and the role held. */
export interface RoomIdentityDetail {
  readonly roomId: number | string;
  readonly userId: string;
  readonly role: RoomRole;
}

export interface KickedDetail {
  /** Why, as the backend said it (e.g. `client-banned` when the same user ID joined elsewhere). */
  readonly reason: string;
}

/** What a device choice is for. */
export type DeviceKind = 'camera' | 'microphone' | 'speaker';

/** A camera, microphone or speaker, as the browser names it. */
export interface DeviceInfo {
  readonly deviceId: string;
  readonly label: string;
}

/** The devices the room can use and the ones it uses (or will use once it captures). Frozen. */
export interface DeviceState {
  readonly cameras: readonly DeviceInfo[];
  readonly microphones: readonly DeviceInfo[];
  readonly speakers: readonly DeviceInfo[];
  /** The chosen device, or null for the browser's default. */
  readonly cameraId: string | null;
  readonly microphoneId: string | null;
  readonly speakerId: string | null;
  /**
   * The browser has let the room see the devices' names (after camera or microphone access was
   * allowed); until then the lists are empty even though devices may exist.
   */
  readonly listed: boolean;
  /** This browser can route remote audio to a chosen speaker (`setSinkId`); where it cannot, `speakers` stays empty. */
  readonly speakerSelectable: boolean;
}

/** TRTC's network quality scale: 0 unknown, 1 excellent, 2 good, 3 poor, 4 bad, 5 very bad, 6 down. */
export type NetworkQualityLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface NetworkQuality {
  readonly uplink: NetworkQualityLevel;
  readonly downlink: NetworkQualityLevel;
}

/** Detail of `trtc-device-change`. */
export interface DeviceChangeDetail {
  /** `list`: devices were plugged in or out; `lost`: the device in use went away and the room fell back. */
  readonly reason: 'list' | 'lost';
  /** For `lost`: which kind of device went away. */
  readonly kind?: DeviceKind;
  /** For `lost`: the device that went away. */
  readonly lostDeviceId?: string;
  /** For `lost`: the device the room uses now, or null when none could take its place. */
  readonly deviceId?: string | null;
  readonly devices: DeviceState;
}

/** The discrete events a room emits (the element re-dispatches each as a DOM CustomEvent). */
export interface LiveRoomEventMap {
  'trtc-joined': RoomIdentityDetail;
  'trtc-left': RoomIdentityDetail;
  'trtc-stream-added': RemoteStreamSnapshot;
  'trtc-stream-removed': RemoteStreamSnapshot;
  'trtc-co-anchor-change': CoAnchorChangeDetail;
  'trtc-co-anchor-request': CoAnchorRequestDetail;
  'trtc-kicked': KickedDetail;
  'trtc-autoplay-blocked': RemoteStreamSnapshot;
  'trtc-error': LiveRoomErrorDetail;
  'trtc-device-change': DeviceChangeDetail;
  'trtc-network-quality': NetworkQuality;
}

export type LiveRoomEvent = {
  [K in keyof LiveRoomEventMap]: { readonly type: K; readonly detail: LiveRoomEventMap[K] };
}[keyof LiveRoomEventMap];

/**
 * A place on the page where a remote stream is shown. `<trtc-remote-stream>` registers one with
 * `controller.attachRemoteView()`; the controller decides which stream it shows and plays it into
 * `container`.
 */
export interface RemoteView {
  /** The element, used to order views by document position. */
  readonly host: Element;
  /** The `<div>` the SDK plays into (must be a real HTMLDivElement). */
  readonly container: HTMLDivElement;
  /** Empty: the first stream no other view has claimed, in join order. */
  readonly userId: string;
  readonly streamType: StreamType;
  readonly objectFit: 'cover' | 'contain';
  readonly muted: boolean;
  /** Called with the stream this view now shows (or null), whenever that or its state changes. */
  show(stream: RemoteStreamSnapshot | null): void;
}

/** Where the local preview is shown while on stage (`<trtc-local-stream>`). */
export interface LocalView {
  readonly host: Element;
  readonly container: HTMLDivElement;
  readonly mirror: boolean;
  /** Called with true while the local preview is playing in this view. */
  show(playing: boolean): void;
}
