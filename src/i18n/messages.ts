import type { ConfigField, DeviceKind, LiveRoomErrorCode } from '../room/types.js';
import type { QualityName } from '../room/activity.js';
import type { SupportedLocale } from './locale.js';

/** Every string the elements show or announce. Adding a key here makes both locales required. */
export interface Messages {
  readonly status: {
    readonly joining: string;
    readonly reconnecting: string;
    readonly leaving: string;
    readonly left: string;
    readonly failed: string;
    readonly coAnchorDenied: string;
  };
  /** `chunk-load-failed` is said by ENTRY_STRINGS, which every locale has even when its own strings failed to load. */
  readonly errors: Readonly<Record<Exclude<LiveRoomErrorCode, 'chunk-load-failed'>, string>>;
  /** `invalid-config` names the attribute at fault; each gets its own sentence. */
  readonly invalidField: Readonly<Record<ConfigField, string>>;
  readonly remote: {
    readonly waiting: string;
    readonly play: string;
    readonly streamOf: (userId: string) => string;
    readonly cameraOff: (userId: string) => string;
  };
  readonly local: {
    readonly preview: string;
    readonly you: string;
  };
  readonly button: {
    readonly idle: string;
    readonly requesting: string;
    readonly starting: string;
    readonly live: string;
    readonly stopping: string;
    readonly noRoom: string;
    readonly notJoined: string;
    readonly cannotPublish: string;
  };
  /** The status line's button after leaving (its Retry after a failure is in ENTRY_STRINGS). */
  readonly joinAgain: string;
  /** The co-anchor button of a host (joined as `anchor`), named after the co-anchor states. */
  readonly hostButton: {
    readonly idle: string;
    readonly starting: string;
    readonly live: string;
    readonly stopping: string;
  };
  /** Why the co-anchor button cannot be used once the room is out of reach. */
  readonly buttonUnavailable: {
    readonly failed: string;
    readonly left: string;
  };
  /** An unclaimed `<trtc-remote-stream>` while the room is joined. */
  readonly nobodyOnStage: string;
  /** What the credentials endpoint's error answer said, after the localized sentence. */
  readonly serverSaid: (message: string) => string;
  /** Co-anchor requests: the notices a viewer reads, and the host's `<trtc-co-anchor-requests>`. */
  readonly requests: {
    /** Why a request or a time on stage ended (the room's status line); `cancelled` needs none. */
    readonly ended: Readonly<Record<'full' | 'timeout' | 'host-left' | 'removed', string>>;
    readonly title: string;
    readonly empty: string;
    readonly arrived: (userId: string) => string;
    readonly waiting: (seconds: number) => string;
    readonly approve: string;
    readonly approveUser: (userId: string) => string;
    readonly deny: string;
    readonly denyUser: (userId: string) => string;
    readonly onStage: string;
    readonly remove: string;
    readonly removeUser: (userId: string) => string;
  };
  /** Preview, mute, device and network controls, and the tiles' indicators. */
  readonly onStage: {
    /** The co-anchor button with `preview`, before the preview opens. */
    readonly openPreview: string;
    /** The co-anchor button while previewing: the press that goes live. */
    readonly goLive: string;
    readonly muteMicrophone: string;
    readonly unmuteMicrophone: string;
    readonly turnCameraOff: string;
    readonly turnCameraOn: string;
    readonly nothingToMute: string;
    readonly deviceLabel: Readonly<Record<DeviceKind, string>>;
    readonly devicesHidden: string;
    readonly noDevices: Readonly<Record<DeviceKind, string>>;
    readonly speakerUnsupported: string;
    readonly badKind: (kind: string) => string;
    readonly unnamedDevice: (index: number) => string;
    readonly network: (quality: string) => string;
    readonly quality: Readonly<Record<QualityName, string>>;
    readonly micMuted: string;
    readonly yourCameraOff: string;
  };
}

/**
 * What the room says when a file of the kit could not be loaded, and the status line's Retry, in
 * every locale. Shipped in the entry: the Chinese strings are a file of their own and may be among
 * the missing ones.
 */
export const ENTRY_STRINGS: Readonly<
  Record<SupportedLocale, { readonly retry: string; readonly unnamed: string; readonly named: (file: string) => string }>
> = {
  en: {
    retry: 'Retry',
    unnamed: 'A file this page needs could not be loaded. Reload to try again.',
    named: (file) => `A file this page needs could not be loaded (${file}). Reload to try again; if it keeps failing, the site is missing this file.`,
  },
  'zh-CN': {
    retry: '重试',
    unnamed: '页面所需的文件无法加载，请刷新重试。',
    named: (file) => `页面所需的文件无法加载（${file}），请刷新重试；如果仍然失败，说明网站缺少该文件。`,
  },
};

export const en: Messages = {
  status: {
    joining: 'Joining the room…',
    reconnecting: 'Connection lost. Reconnecting…',
    leaving: 'Leaving the room…',
    left: 'You left the room.',
    failed: 'Could not join the room.',
    coAnchorDenied: 'Your request to go live was declined.',
  },
  errors: {
    'invalid-config': 'The room settings are not valid.',
    'credentials-failed': 'Could not get the sign-in credentials for this room.',
    'unsupported-browser': 'This browser cannot take part in live rooms. Try a recent Chrome, Edge, Firefox or Safari.',
    'join-failed': 'Could not join the room. Check your connection and try again.',
    'leave-failed': 'Leaving the room did not finish cleanly; you are out of the room.',
    'permission-denied': 'Camera or microphone access was denied. Allow access in your browser to go live.',
    'device-not-found': 'No camera or microphone was found.',
    'device-busy': 'The camera or microphone is in use by another app.',
    'switch-role-failed': 'Could not put you on stage. Try again.',
    'publish-failed': 'Could not start your live stream. Try again.',
    'co-anchor-failed': 'Going on or off stage failed; your camera and microphone are off. Try again.',
    'connection-lost': 'The connection to the room was lost.',
    kicked: 'You were removed from the room. This user ID may have joined from another tab or device.',
    'signaling-failed': 'Your request to go live cannot reach the host right now. Try again later.',
  },
  invalidField: {
    'sdk-app-id': 'The SDKAppID is not valid.',
    'room-id': 'The room ID is not valid.',
    'user-id': 'The user ID is not valid.',
    'user-sig': 'The user signature is missing.',
    'credentials-url': 'The credentials URL is not valid.',
    'user-role': 'The user role must be “audience” or “anchor”.',
    backend: 'The backend must be “trtc”, “trtc-v5” or “loopback”.',
    signaling: 'The signaling must be “loopback”, “tencent-chat” or a signaling object.',
    'host-id': 'The host ID is missing or not valid.',
    'max-co-anchors': 'The co-anchor limit (max-co-anchors) is not a valid number.',
  },
  remote: {
    waiting: 'Waiting for the anchor…',
    play: 'Click to play',
    streamOf: (userId) => `Live video of ${userId}`,
    cameraOff: (userId) => `${userId} has turned the camera off`,
  },
  local: {
    preview: 'Your camera preview',
    you: 'You',
  },
  button: {
    idle: 'Go live',
    requesting: 'Waiting for approval. Press again to cancel',
    starting: 'Going live…',
    live: 'Leave stage',
    stopping: 'Leaving stage…',
    noRoom: 'Not connected to a live room.',
    notJoined: 'You can go live once you have joined the room.',
    cannotPublish: 'This browser cannot send your camera and microphone.',
  },
  joinAgain: 'Join again',
  hostButton: {
    idle: 'Go live',
    starting: 'Going live…',
    live: 'End broadcast',
    stopping: 'Ending the broadcast…',
  },
  buttonUnavailable: {
    failed: 'The room could not be joined.',
    left: 'You have left the room.',
  },
  nobodyOnStage: 'No one else is on stage',
  serverSaid: (message) => `The server said: “${message}”`,
  requests: {
    ended: {
      full: 'The stage is full, so the host could not take you on.',
      timeout: 'The host did not answer your request to go live.',
      'host-left': 'The host left, so your request to go live ended.',
      removed: 'The host took you off stage.',
    },
    title: 'Requests to go live',
    empty: 'No one is asking to go live.',
    arrived: (userId) => `${userId} asks to go live.`,
    waiting: (seconds) => (seconds < 60 ? `waiting ${seconds} s` : `waiting ${Math.floor(seconds / 60)} min`),
    approve: 'Approve',
    approveUser: (userId) => `Approve ${userId}`,
    deny: 'Deny',
    denyUser: (userId) => `Deny ${userId}`,
    onStage: 'On stage',
    remove: 'Remove from stage',
    removeUser: (userId) => `Remove from stage: ${userId}`,
  },
  onStage: {
    openPreview: 'Check camera and mic',
    goLive: 'Go live',
    muteMicrophone: 'Mute microphone',
    unmuteMicrophone: 'Unmute microphone',
    turnCameraOff: 'Turn camera off',
    turnCameraOn: 'Turn camera on',
    nothingToMute: 'Your camera and microphone are off until you preview or go live.',
    deviceLabel: { camera: 'Camera', microphone: 'Microphone', speaker: 'Speaker' },
    devicesHidden: 'The list fills once you allow the camera and microphone.',
    noDevices: { camera: 'No camera found.', microphone: 'No microphone found.', speaker: 'No speaker found.' },
    speakerUnsupported: 'This browser plays sound on its default speaker and cannot choose another.',
    badKind: (kind) => `“${kind}” is not a device kind: use camera, microphone or speaker.`,
    unnamedDevice: (index) => `Device ${index}`,
    network: (quality) => `Network: ${quality}`,
    quality: { unknown: 'unknown', excellent: 'excellent', good: 'good', poor: 'poor', bad: 'bad', 'very-bad': 'very bad', down: 'disconnected' },
    micMuted: 'Microphone muted',
    yourCameraOff: 'Your camera is off',
  },
};
