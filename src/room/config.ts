import { inRange, NUMERIC_ROOM_ID_RANGE, SDK_APP_ID_RANGE, STRING_ROOM_ID, USER_ID } from '../backends/trtc-limits.js';
import { FIELD_MESSAGES } from './developer-messages.js';
import type { ConfigField, LiveRoomConfig, RoomRole } from './types.js';

/** Settings that passed validation: safe to hand to the SDK. */
export interface ValidRoomConfig {
  readonly sdkAppId: number;
  readonly roomId: number | string;
  readonly userId: string;
  readonly userSig: string;
  readonly role: RoomRole;
  readonly autoPublish: boolean;
}

/** A setting that is missing or malformed; `field` names the attribute at fault. */
export class ConfigError extends Error {
  /** `reason` says more than the field's sentence, for developers (English). */
  constructor(
    readonly field: ConfigField,
    reason?: string,
  ) {
    super(reason ?? FIELD_MESSAGES[field]);
    this.name = 'ConfigError';
  }
}

const DIGITS = /^\d+$/;

export function text(value: unknown): string {
  return String(value ?? '').trim();
}

/** Returns `value` if `valid`, else throws a ConfigError for `field`. */
function check<T>(value: T, valid: boolean, field: ConfigField): T {
  if (!valid) throw new ConfigError(field);
  return value;
}

export function parseSdkAppId(value: unknown): number {
  const raw = text(value);
  const parsed = Number(raw);
  return check(parsed, DIGITS.test(raw) && inRange(parsed, SDK_APP_ID_RANGE), 'sdk-app-id');
}

/** All digits → a numeric room (1..4294967294); anything else → a string room. */
export function parseRoomId(value: unknown): number | string {
  const raw = text(value);
  if (!DIGITS.test(raw)) return check(raw, STRING_ROOM_ID.test(raw), 'room-id');
  const numeric = Number(raw);
  return check(numeric, inRange(numeric, NUMERIC_ROOM_ID_RANGE), 'room-id');
}

export function parseUserId(value: unknown): string {
  const raw = text(value);
  return check(raw, USER_ID.test(raw), 'user-id');
}

export function parseUserSig(value: string): string {
  return check(value, value !== '', 'user-sig');
}

export function parseRole(value: unknown): RoomRole {
  const raw = text(value) || 'audience';
  return check(raw as RoomRole, raw === 'audience' || raw === 'anchor', 'user-role');
}

/**
 * What a loopback room joins with when given no signature. Loopback is offline and checks none,
 * so asking the page for one is friction with no protection; its client, like TRTC's, still wants
 * a non-empty one.
 */
export const UNSIGNED_LOOPBACK = 'loopback-unsigned';

/** The loopback backend by name (not an injected namespace, which answers for itself): no signature needed. */
function needsNoSignature(config: LiveRoomConfig): boolean {
  return !config.sdk && config.backend === 'loopback';
}

/**
 * Checks every field before the SDK is touched. `credentials` (fetched from credentials-url)
 * supply sdkAppId, userId and userSig when present.
 */
export function validateConfig(config: LiveRoomConfig): ValidRoomConfig {
  // Checked in this order: the first field at fault is the one reported.
  return {
    sdkAppId: parseSdkAppId(config.sdkAppId),
    roomId: parseRoomId(config.roomId),
    userId: parseUserId(config.userId),
    userSig: needsNoSignature(config) && text(config.userSig) === '' ? UNSIGNED_LOOPBACK : parseUserSig(text(config.userSig)),
    role: parseRole(config.role),
    autoPublish: config.autoPublish === true,
  };
}
