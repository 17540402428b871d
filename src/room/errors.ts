import { TrtcErrorCode, trtcCodeOf } from '../backends/error-codes.js';
import type { ConfigField, LiveRoomErrorCode, LiveRoomErrorDetail } from './types.js';

/** Builds a frozen `trtc-error` detail, keeping secrets out of the message. */
export function errorDetail(
  code: LiveRoomErrorCode,
  message: string,
  options: { cause?: unknown; recoverable?: boolean; field?: ConfigField; secrets?: readonly string[] } = {},
): LiveRoomErrorDetail {
  const sdkCode = trtcCodeOf(options.cause);
  const reason = options.cause instanceof Error && options.cause.message ? `: ${options.cause.message}` : '';
  let text = `${message}${reason}`;
  for (const secret of options.secrets ?? []) {
    if (secret) text = text.split(secret).join('***');
  }
  return Object.freeze({
    code,
    ...(sdkCode === undefined ? {} : { sdkCode }),
    message: text,
    recoverable: options.recoverable ?? true,
    ...(options.field ? { field: options.field } : {}),
  });
}

/** What went wrong when capturing the camera or microphone, as the browser or SDK said it. */
export function captureErrorCode(error: unknown): LiveRoomErrorCode {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return 'permission-denied';
  }
  if (
    name === 'NotFoundError' ||
    name === 'OverconstrainedError' ||
    name === 'DevicesNotFoundError' ||
    trtcCodeOf(error) === TrtcErrorCode.DEVICE_NOT_FOUND
  ) {
    return 'device-not-found';
  }
  return 'device-busy';
}

export function isAutoplayBlocked(error: unknown): boolean {
  return trtcCodeOf(error) === TrtcErrorCode.PLAY_NOT_ALLOWED;
}
