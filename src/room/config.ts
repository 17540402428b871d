import { inRange, NUMERIC_ROOM_ID_RANGE, SDK_APP_ID_RANGE, STRING_ROOM_ID, USER_ID } from '../backends/trtc-limits.js';
import { en } from '../i18n/messages.js';
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
    // The sentence the page shows for this field, in English.
    super(reason ?? en.invalidField[field]);
    this.name = 'ConfigError';
  }
}

const DIGITS = /^\d+$/;

function text(value: unknown): string {
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

function parseUserSig(value: string): string {
  return check(value, value !== '', 'user-sig');
}

export function parseRole(value: unknown): RoomRole {
  const raw = text(value) || 'audience';
  return check(raw as RoomRole, raw === 'audience' || raw === 'anchor', 'user-role');
}

/**
 * Where to fetch credentials from. A URL on another origin than the page is refused unless the
 * page opts in (`crossOrigin`): signatures are secrets, and a typo'd or injected URL must not send
 * the viewer's cookies, or take a signature from, a server the site does not mean to trust.
 */
export function parseCredentialsUrl(value: unknown, base: string, pageOrigin: string, crossOrigin: boolean): URL | null {
  const raw = text(value);
  if (raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new ConfigError('credentials-url');
  }
  if (url.origin !== pageOrigin && !crossOrigin) {
    throw new ConfigError(
      'credentials-url',
      `${url.origin} is another origin than the page's (${pageOrigin}); set credentials-cross-origin (credentialsCrossOrigin: true) to fetch credentials from it`,
    );
  }
  return url;
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
    userSig: parseUserSig(text(config.userSig)),
    role: parseRole(config.role),
    autoPublish: config.autoPublish === true,
  };
}

/** Reads `{ sdkAppId, userId, userSig }` from a credentials endpoint's JSON. */
export function parseCredentials(json: unknown): { sdkAppId: number; userId: string; userSig: string } {
  const body = (json ?? {}) as Record<string, unknown>;
  return {
    sdkAppId: parseSdkAppId(body.sdkAppId),
    userId: parseUserId(body.userId),
    // Taken as sent (the room trims it when it joins); anything but text is the endpoint's fault.
    userSig: parseUserSig(typeof body.userSig === 'string' ? body.userSig : ''),
  };
}
