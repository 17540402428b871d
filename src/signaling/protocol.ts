/**
 * The co-anchor request protocol: the text a viewer and a host exchange over a `CoAnchorSignaling`
 * transport.
 *
 * A viewer asks with a fresh `requestId`; every later message about that request names it, so an
 * answer that arrives after the viewer cancelled and asked again (a new id) is recognised as stale.
 *
 * ```
 * viewer → host   request      I would like to come on stage
 *                 cancel       I no longer want to (before an answer)
 *                 leave-stage  I was approved and am off stage again (stopped, failed to start, left):
 *                              the host frees my place
 * host → viewer   approve      come on stage
 *                 deny         not now (reason `denied`), or the stage is full (reason `full`)
 *                 remove       you are taken off stage
 *                 host-left    the host is leaving: every pending request is over
 * ```
 *
 * Presence: a host announces `host-left` when it leaves or its page is hidden for good; a host
 * that vanishes without a word (a crashed tab) is caught by the transport's own presence where it
 * has one (`onPeerLeft`: loopback's heartbeat), else by the request timeout. There is no
 * "still here" message of the protocol's own.
 *
 * Trust: the sender is the one the transport reports, never a field of the message (there is
 * none). Which kinds a party accepts, and from whom (a viewer only from its `host-id`), the
 * receiving side decides with `isHostMessage()` / `isViewerMessage()`. Anything that is not a
 * well-formed message of this protocol, version and room is ignored and counted, never thrown.
 */

/** The protocol's name, carried by every message. */
export const PROTOCOL_NAME = 'trtc-live-elements/co-anchor';
/** The protocol's version; a message of another version is ignored. */
export const PROTOCOL_VERSION = 1;
/**
 * Longer messages are ignored before being parsed. In characters; a valid message is ASCII, so
 * this is its size in bytes too.
 */
export const MAX_MESSAGE_LENGTH = 4096;
/** How long a request waits for the host's answer before both sides give it up. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** Why a host says no. */
export type DenyReason = 'denied' | 'full';

/** What a viewer sends its host. */
export type ViewerMessage =
  | { kind: 'request'; requestId: string }
  | { kind: 'cancel'; requestId: string }
  | { kind: 'leave-stage'; requestId: string };

/** What a host sends a viewer. */
export type HostMessage =
  | { kind: 'approve'; requestId: string }
  | { kind: 'deny'; requestId: string; reason: DenyReason }
  | { kind: 'remove'; requestId: string }
  | { kind: 'host-left' };

export type CoAnchorMessage = ViewerMessage | HostMessage;
export type CoAnchorMessageKind = CoAnchorMessage['kind'];

/** Why `parseMessage()` ignored a message. */
export type IgnoreReason =
  | 'not-text'
  | 'oversized'
  | 'malformed'
  | 'unknown-protocol'
  | 'unknown-version'
  | 'unknown-kind'
  | 'other-room';

const IGNORE_REASONS: readonly IgnoreReason[] = [
  'not-text',
  'oversized',
  'malformed',
  'unknown-protocol',
  'unknown-version',
  'unknown-kind',
  'other-room',
];

/** How many messages `parseMessage()` ignored, and why: for debugging a transport or a peer. */
export class IgnoredMessages {
  readonly #counts = new Map<IgnoreReason, number>(IGNORE_REASONS.map((reason) => [reason, 0]));

  /** Every ignored message. */
  get total(): number {
    let total = 0;
    for (const count of this.#counts.values()) total += count;
    return total;
  }

  /** The messages ignored for `reason`. */
  count(reason: IgnoreReason): number {
    return this.#counts.get(reason) ?? 0;
  }

  /** Records one ignored message. */
  add(reason: IgnoreReason): void {
    this.#counts.set(reason, this.count(reason) + 1);
  }
}

const VIEWER_KINDS: ReadonlySet<string> = new Set<ViewerMessage['kind']>(['request', 'cancel', 'leave-stage']);
const HOST_KINDS: ReadonlySet<string> = new Set<HostMessage['kind']>(['approve', 'deny', 'remove', 'host-left']);

/** A message only a viewer sends (and only a host acts on). */
export function isViewerMessage(message: CoAnchorMessage): message is ViewerMessage {
  return VIEWER_KINDS.has(message.kind);
}

/** A message only a host sends (and only a viewer acts on, when it comes from its `host-id`). */
export function isHostMessage(message: CoAnchorMessage): message is HostMessage {
  return HOST_KINDS.has(message.kind);
}

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether `value` is a request id this protocol accepts. */
export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID.test(value);
}

/** A new request id: 128 random bits in hex. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The text that carries `message` in `room`. */
export function encodeMessage(room: number | string, message: CoAnchorMessage): string {
  return JSON.stringify({ protocol: PROTOCOL_NAME, version: PROTOCOL_VERSION, room, ...message });
}

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The message of a known kind, or undefined when its fields are not right for that kind. */
function parseBody(fields: Fields): CoAnchorMessage | undefined {
  const { kind, requestId } = fields;
  switch (kind) {
    case 'host-left':
      return { kind };
    case 'deny': {
      const { reason } = fields;
      if (!isRequestId(requestId) || (reason !== 'denied' && reason !== 'full')) return undefined;
      return { kind, requestId, reason };
    }
    case 'request':
    case 'cancel':
    case 'leave-stage':
    case 'approve':
    case 'remove':
      return isRequestId(requestId) ? { kind, requestId } : undefined;
    default:
      return undefined;
  }
}

const hasOwn = (fields: Fields, key: string) => Object.prototype.hasOwnProperty.call(fields, key);

/**
 * The message `data` carries for `room`, or null when it is not one: not text, longer than
 * `MAX_MESSAGE_LENGTH`, not JSON, of another protocol, version or room, of an unknown kind, or
 * with fields wrong for its kind. Each null is counted in `ignored`, when given. Never throws.
 * Fields this version does not know are dropped.
 */
export function parseMessage(data: unknown, room: number | string, ignored?: IgnoredMessages): CoAnchorMessage | null {
  const ignore = (reason: IgnoreReason): null => {
    ignored?.add(reason);
    return null;
  };
  if (typeof data !== 'string') return ignore('not-text');
  if (data.length > MAX_MESSAGE_LENGTH) return ignore('oversized');
  let fields: unknown;
  try {
    fields = JSON.parse(data);
  } catch {
    return ignore('malformed');
  }
  if (!isRecord(fields)) return ignore('malformed');
  if (fields.protocol !== PROTOCOL_NAME) return ignore('unknown-protocol');
  if (fields.version !== PROTOCOL_VERSION) return ignore('unknown-version');
  if (!hasOwn(fields, 'room') || fields.room !== room) return ignore('other-room');
  if (typeof fields.kind !== 'string' || !VIEWER_KINDS.has(fields.kind) && !HOST_KINDS.has(fields.kind)) {
    return ignore('unknown-kind');
  }
  return parseBody(fields) ?? ignore('malformed');
}
