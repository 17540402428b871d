// The codes the room reads, named on their own as well, so it can use them without bundling the table.
/** The camera or microphone asked for is not there. */
export const DEVICE_NOT_FOUND = 0x1003;
/** TRTC refused the join, e.g. for an expired signature. */
export const JOIN_ROOM_FAILED = 0x4004;
/** The browser refused to play without a user gesture. */
export const PLAY_NOT_ALLOWED = 0x4043;
/** A local stream could not capture again after the device in use went away ('device-auto-recovered' failed). */
export const DEVICE_AUTO_RECOVER_FAILED = 0x4044;

/** TRTC v4 error codes (`error.getCode()`) that this kit reads or the loopback backend raises. */
export const TrtcErrorCode = {
  INVALID_PARAMETER: 0x1000,
  INVALID_OPERATION: 0x1001,
  NOT_SUPPORTED: 0x1002,
  DEVICE_NOT_FOUND,
  INITIALIZE_FAILED: 0x1004,
  SIGNAL_CHANNEL_SETUP_FAILED: 0x4001,
  SIGNAL_CHANNEL_ERROR: 0x4002,
  ICE_TRANSPORT_ERROR: 0x4003,
  JOIN_ROOM_FAILED,
  CREATE_OFFER_FAILED: 0x4005,
  SIGNAL_CHANNEL_RECONNECTION_FAILED: 0x4006,
  UPLINK_RECONNECTION_FAILED: 0x4007,
  DOWNLINK_RECONNECTION_FAILED: 0x4008,
  REMOTE_STREAM_NOT_EXIST: 0x4010,
  CLIENT_BANNED: 0x4040,
  SERVER_TIMEOUT: 0x4041,
  SUBSCRIPTION_TIMEOUT: 0x4042,
  PLAY_NOT_ALLOWED,
  /** The camera or microphone in use went away and capturing again failed (the stream's 'error' event). */
  DEVICE_AUTO_RECOVER_FAILED: 0x4044,
  /** Join failed because the SDK could not reach Tencent Cloud's scheduler (e.g. offline). */
  SCHEDULE_FAILED: 0x404c,
  /** A pending call was cut short by leave(), unsubscribe() or the stream being unpublished. */
  API_CALL_ABORTED: 0x404d,
  /** A failure with no better code (the loopback: a WebRTC negotiation that failed unexpectedly). */
  UNKNOWN: 0xffff,
} as const;

export type TrtcErrorCodeValue = (typeof TrtcErrorCode)[keyof typeof TrtcErrorCode];

/** The TRTC code of an error, when it has one. */
export function trtcCodeOf(error: unknown): number | undefined {
  const getCode = (error as { getCode?: unknown } | null)?.getCode;
  if (typeof getCode !== 'function') return undefined;
  const code: unknown = getCode.call(error);
  return typeof code === 'number' ? code : undefined;
}

/** The browser's names for "that device is not there" (an exact device id no device has, or none at all). */
const MISSING_DEVICE_NAMES: ReadonlySet<string> = new Set(['NotFoundError', 'OverconstrainedError']);

/**
 * Whether a failed `switchDevice()`, `initialize()` or `setAudioOutput()` means the device asked
 * for is not there. The loopback and v5 backends say DEVICE_NOT_FOUND; v4 itself passes the
 * browser's error on (`switchDevice()`: INITIALIZE_FAILED named OverconstrainedError;
 * `setAudioOutput()`: the NotFoundError of `setSinkId`), so the name counts as well.
 */
export function isMissingDevice(error: unknown): boolean {
  if (trtcCodeOf(error) === DEVICE_NOT_FOUND) return true;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && MISSING_DEVICE_NAMES.has(name);
}
