import { DEVICE_NOT_FOUND, PLAY_NOT_ALLOWED, trtcCodeOf } from '../backends/error-codes.js';
import { ChunkLoadError } from '../backends/loader.js';
import { maskSecrets } from '../backends/secrets.js';
import { ConfigError } from './config.js';
import { CredentialsError } from './credentials.js';
import { ERROR_MESSAGES, FIELD_MESSAGES } from './developer-messages.js';
import type { LiveRoomErrorCode, LiveRoomErrorDetail } from './types.js';

/** Trying again cannot help: the settings, the browser or another login must change first. */
const FINAL: ReadonlySet<LiveRoomErrorCode> = new Set(['invalid-config', 'unsupported-browser', 'kicked']);

/**
 * Builds a frozen `trtc-error` detail. Its message, for developers, says what the code means
 * and then what the SDK or browser said, with secrets masked.
 */
export function errorDetail(
  code: LiveRoomErrorCode,
  cause?: unknown,
  secrets: readonly (string | null | undefined)[] = [],
): LiveRoomErrorDetail {
  const field = code === 'credentials-failed' ? 'credentials-url' : cause instanceof ConfigError ? cause.field : undefined;
  const sdkCode = trtcCodeOf(cause);
  let message = code === 'invalid-config' && field ? FIELD_MESSAGES[field] : ERROR_MESSAGES[code];
  if (cause instanceof Error && cause.message && cause.message !== message) message += ` (${cause.message})`;
  message = maskSecrets(message, secrets);
  return Object.freeze({
    code,
    ...(sdkCode !== undefined && { sdkCode }),
    message,
    recoverable: !FINAL.has(code),
    ...(field && { field }),
    ...(cause instanceof ChunkLoadError && { file: cause.file }),
    ...(cause instanceof CredentialsError && cause.serverMessage && { serverMessage: maskSecrets(cause.serverMessage, secrets) }),
  });
}

/** What went wrong when capturing the camera or microphone, as the browser or SDK said it. */
export function captureErrorCode(error: unknown): LiveRoomErrorCode {
  const name = error instanceof Error ? error.name : '';
  if (/^(NotAllowed|Security|PermissionDenied)Error$/.test(name)) return 'permission-denied';
  if (/^(NotFound|Overconstrained|DevicesNotFound)Error$/.test(name) || trtcCodeOf(error) === DEVICE_NOT_FOUND) {
    return 'device-not-found';
  }
  return 'device-busy';
}

export function isAutoplayBlocked(error: unknown): boolean {
  return trtcCodeOf(error) === PLAY_NOT_ALLOWED;
}
