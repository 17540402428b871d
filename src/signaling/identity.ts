import { SignalingError } from './errors.js';
import type { SignalingIdentity } from './types.js';

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * Checks what `connect()` was given and returns a copy of it, so a later change to the caller's
 * object cannot change who this transport is.
 */
export function checkIdentity(identity: unknown): SignalingIdentity {
  const fail = (what: string) => new SignalingError('invalid-argument', `connect(): ${what}`);
  if (typeof identity !== 'object' || identity === null) throw fail('the identity must be an object');
  const { sdkAppId, userId, userSig, roomId } = identity as Record<string, unknown>;
  if (typeof sdkAppId !== 'number' || !Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) {
    throw fail('sdkAppId must be a positive integer');
  }
  if (!isText(userId)) throw fail('userId must be a non-empty string');
  // Said without the value: it is a secret.
  if (!isText(userSig)) throw fail('userSig must be a non-empty string');
  if (!isText(roomId) && !(typeof roomId === 'number' && Number.isSafeInteger(roomId) && roomId > 0)) {
    throw fail('roomId must be a positive integer or a non-empty string');
  }
  return { sdkAppId, userId, userSig, roomId };
}

/** Checks `send()`'s arguments. */
export function checkSendArguments(to: unknown, data: unknown): void {
  if (!isText(to)) throw new SignalingError('invalid-argument', 'send(): the recipient must be a non-empty string');
  if (typeof data !== 'string') throw new SignalingError('invalid-argument', 'send(): data must be a string');
}
