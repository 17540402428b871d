import type { ConfigField, DeviceKind, LiveRoomErrorCode } from '../room/types.js';
import type { QualityName } from '../room/activity.js';

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
  readonly errors: Readonly<Record<LiveRoomErrorCode, string>>;
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
  },
  invalidField: {
    'sdk-app-id': 'The SDKAppID is not valid.',
    'room-id': 'The room ID is not valid.',
    'user-id': 'The user ID is not valid.',
    'user-sig': 'The user signature is missing.',
    'credentials-url': 'The credentials URL is not valid.',
    'user-role': 'The user role must be “audience” or “anchor”.',
    backend: 'The backend must be “trtc”, “trtc-v5” or “loopback”.',
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
    requesting: 'Requesting…',
    starting: 'Going live…',
    live: 'Leave stage',
    stopping: 'Leaving stage…',
    noRoom: 'Not connected to a live room.',
    notJoined: 'You can go live once you have joined the room.',
    cannotPublish: 'This browser cannot send your camera and microphone.',
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
