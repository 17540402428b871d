import { inRange, MAX_ANCHORS_PER_ROOM, NUMERIC_ROOM_ID_RANGE, SDK_APP_ID_RANGE, STRING_ROOM_ID, USER_ID } from '../backends/trtc-limits.js';
import type { CoAnchorSignaling } from '../signaling/types.js';
import { FIELD_MESSAGES } from './developer-messages.js';
import type { ConfigField, LiveRoomConfig, RoomRole, SignalingName } from './types.js';

/** Settings that passed validation: safe to hand to the SDK. */
export interface ValidRoomConfig {
  readonly sdkAppId: number;
  readonly roomId: number | string;
  readonly userId: string;
  readonly userSig: string;
  readonly role: RoomRole;
  readonly autoPublish: boolean;
  readonly requests: RequestsConfig | null;
}

/** How co-anchor requests work in a room that has `signaling`. */
export interface RequestsConfig {
  readonly signaling: CoAnchorSignaling | SignalingName;
  /** Who a viewer asks; null for a room joined as anchor (the host). */
  readonly hostId: string | null;
  readonly maxCoAnchors: number;
}

/** How many co-anchors a host lets on stage unless `max-co-anchors` says otherwise. */
export const DEFAULT_MAX_CO_ANCHORS = 6;
const SIGNALING_NAMES: readonly string[] = ['loopback', 'tencent-chat'] satisfies SignalingName[];
const TRANSPORT_METHODS = ['connect', 'send', 'onMessage', 'close'] as const;

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

function isTransport(value: unknown): value is CoAnchorSignaling {
  return typeof value === 'object' && value !== null && TRANSPORT_METHODS.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

function parseSignaling(value: unknown): CoAnchorSignaling | SignalingName {
  if (isTransport(value)) return value;
  const name = text(value);
  return check(name as SignalingName, SIGNALING_NAMES.includes(name), 'signaling');
}

function parseMaxCoAnchors(value: unknown): number {
  const raw = text(value);
  if (raw === '') return DEFAULT_MAX_CO_ANCHORS;
  const parsed = Number(raw);
  return check(parsed, DIGITS.test(raw) && inRange(parsed, { min: 1, max: MAX_ANCHORS_PER_ROOM - 1 }), 'max-co-anchors');
}

/** No signaling: null (the room works without requests). A viewer must name a host other than itself. */
export function parseRequests(config: LiveRoomConfig, role: RoomRole, userId: string): RequestsConfig | null {
  if (config.signaling === null || config.signaling === undefined || text(config.signaling) === '') return null;
  const signaling = parseSignaling(config.signaling);
  const maxCoAnchors = parseMaxCoAnchors(config.maxCoAnchors);
  if (role === 'anchor') return { signaling, hostId: null, maxCoAnchors };
  const hostId = text(config.hostId);
  return { signaling, hostId: check(hostId, USER_ID.test(hostId) && hostId !== userId, 'host-id'), maxCoAnchors };
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
  const sdkAppId = parseSdkAppId(config.sdkAppId);
  const roomId = parseRoomId(config.roomId);
  const userId = parseUserId(config.userId);
  const unsigned = needsNoSignature(config) && text(config.userSig) === '';
  const userSig = unsigned ? UNSIGNED_LOOPBACK : parseUserSig(text(config.userSig));
  const role = parseRole(config.role);
  const requests = parseRequests(config, role, userId);
  return { sdkAppId, roomId, userId, userSig, role, autoPublish: config.autoPublish === true, requests };
}
