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

export class ConfigError extends Error {
  constructor(readonly field: ConfigField, message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const MAX_NUMERIC_ROOM_ID = 4294967294;
// TRTC's documented character set for string room ids.
const STRING_ROOM_ID = /^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]{1,64}$/;
const USER_ID = /^[A-Za-z0-9_-]{1,32}$/;
const DIGITS = /^\d+$/;

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

export function parseSdkAppId(value: unknown): number {
  const raw = text(value);
  const parsed = DIGITS.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed <= 0) {
    throw new ConfigError('sdk-app-id', 'sdk-app-id must be a positive integer');
  }
  return parsed;
}

/** All digits → a numeric room (1..4294967294); anything else → a string room. */
export function parseRoomId(value: unknown): number | string {
  const raw = typeof value === 'number' ? String(value) : text(value);
  if (DIGITS.test(raw)) {
    const numeric = Number(raw);
    if (numeric < 1 || numeric > MAX_NUMERIC_ROOM_ID) {
      throw new ConfigError('room-id', `a numeric room-id must be between 1 and ${MAX_NUMERIC_ROOM_ID}`);
    }
    return numeric;
  }
  if (!STRING_ROOM_ID.test(raw)) {
    throw new ConfigError('room-id', 'room-id must be 1-64 letters, digits, spaces or !#$%&()+-:;<=.>?@[]^_{}|~,');
  }
  return raw;
}

export function parseUserId(value: unknown): string {
  const raw = text(value);
  if (!USER_ID.test(raw)) {
    throw new ConfigError('user-id', 'user-id must be 1-32 letters, digits, "_" or "-"');
  }
  return raw;
}

export function parseRole(value: unknown): RoomRole {
  const raw = text(value);
  if (raw === '' || raw === 'audience') return 'audience';
  if (raw === 'anchor') return 'anchor';
  throw new ConfigError('user-role', 'user-role must be "audience" or "anchor"');
}

export function parseCredentialsUrl(value: unknown, base: string): URL | null {
  const raw = text(value);
  if (raw === '') return null;
  try {
    return new URL(raw, base);
  } catch {
    throw new ConfigError('credentials-url', 'credentials-url is not a valid URL');
  }
}

/**
 * Checks every field before the SDK is touched. `credentials` (fetched from credentials-url)
 * supply sdkAppId, userId and userSig when present.
 */
export function validateConfig(config: LiveRoomConfig): ValidRoomConfig {
  const sdkAppId = parseSdkAppId(config.sdkAppId);
  const roomId = parseRoomId(config.roomId);
  const userId = parseUserId(config.userId);
  const userSig = text(config.userSig);
  if (userSig === '') throw new ConfigError('user-sig', 'a user signature (user-sig or credentials-url) is required');
  return { sdkAppId, roomId, userId, userSig, role: parseRole(config.role), autoPublish: config.autoPublish === true };
}

/** Reads `{ sdkAppId, userId, userSig }` from a credentials endpoint's JSON. */
export function parseCredentials(json: unknown): { sdkAppId: number; userId: string; userSig: string } {
  const body = (json ?? {}) as Record<string, unknown>;
  const userSig = typeof body.userSig === 'string' ? body.userSig : '';
  if (userSig === '') throw new ConfigError('credentials-url', 'the credentials response has no userSig');
  return { sdkAppId: parseSdkAppId(body.sdkAppId), userId: parseUserId(body.userId), userSig };
}
