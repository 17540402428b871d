import { BACKEND_NAMES } from '../backends/loader.js';
import { MAX_ANCHORS_PER_ROOM, NUMERIC_ROOM_ID_RANGE, SDK_APP_ID_RANGE } from '../backends/trtc-limits.js';
import type { ConfigField, LiveRoomErrorCode } from './types.js';

/**
 * What each error means, for the developer reading the console or a `trtc-error` detail's
 * `message` (English). The page shows viewers a localized sentence chosen by the code instead.
 */
export const ERROR_MESSAGES: Readonly<Record<LiveRoomErrorCode, string>> = {
  'invalid-config': 'The room settings are not valid.',
  'credentials-failed': 'The credentials-url request failed or its answer is not { sdkAppId, userId, userSig }.',
  'unsupported-browser': 'This browser lacks WebRTC or media capture, which TRTC needs.',
  'join-failed': 'The SDK could not join the room.',
  'leave-failed': 'The SDK failed while leaving the room; the room was released anyway.',
  'permission-denied': 'Camera or microphone access was denied.',
  'device-not-found': 'No camera or microphone was found.',
  'device-busy': 'The camera or microphone could not be started (in use elsewhere?).',
  'switch-role-failed': 'The SDK could not switch this user to the anchor role.',
  'publish-failed': 'The SDK could not publish the local stream.',
  'co-anchor-failed': 'The SDK failed while going on or off stage; the local stream was released.',
  'connection-lost': 'The connection to the room was lost.',
  kicked: 'Removed from the room (the same userId may have joined elsewhere).',
  'chunk-load-failed': 'A file of the kit could not be loaded: host the whole dist/cdn/ folder, chunks/ included, next to the entry.',
  'signaling-failed': 'The signaling transport failed to connect or to send a co-anchor request message.',
};

/** What `invalid-config` says about each setting. */
export const FIELD_MESSAGES: Readonly<Record<ConfigField, string>> = {
  'sdk-app-id': `sdk-app-id must be a whole number in ${SDK_APP_ID_RANGE.min}..${SDK_APP_ID_RANGE.max}.`,
  'room-id': `room-id must be a number in ${NUMERIC_ROOM_ID_RANGE.min}..${NUMERIC_ROOM_ID_RANGE.max} or 1-64 of TRTC's allowed characters.`,
  'user-id': 'user-id must be 1-32 letters, digits, "_" or "-".',
  'user-sig': 'user-sig (or the credentials answer\'s userSig) is missing.',
  'credentials-url': 'credentials-url is not a valid URL.',
  'user-role': 'user-role must be "audience" or "anchor".',
  backend: `backend must be one of ${BACKEND_NAMES.map((name) => `"${name}"`).join(', ')}.`,
  signaling: 'signaling must be "loopback", "tencent-chat" or an object implementing CoAnchorSignaling.',
  'host-id': 'host-id must be set when a viewer has signaling, and be a valid user-id other than its own.',
  'max-co-anchors': `max-co-anchors must be a whole number in 1..${MAX_ANCHORS_PER_ROOM - 1} (TRTC allows ${MAX_ANCHORS_PER_ROOM} anchors, the host included).`,
};
