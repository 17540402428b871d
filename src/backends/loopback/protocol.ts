import type { TrtcRole } from '../types.js';

/**
 * The messages loopback clients exchange over a room's BroadcastChannel. A channel delivers one
 * sender's messages in the order they were sent, which the protocol relies on (an answer always
 * follows the announces sent before it). Anything can be posted on a channel by any script of the
 * origin, so every message is parsed defensively: one that does not match these shapes exactly is
 * ignored (and counted), never trusted.
 */

export const PROTOCOL = 'trtc-live-elements/loopback@1';

/** What a publishing client says about its stream. */
export interface StreamAdvert {
  id: string;
  audio: boolean;
  video: boolean;
  audioMuted: boolean;
  videoMuted: boolean;
}

/**
 * A client's whole state, sent on join, on every change and as its heartbeat. Being the whole
 * state rather than a delta, any announce repairs whatever a receiver missed.
 */
export interface Presence {
  userId: string;
  role: TrtcRole;
  /** When this session joined; of two sessions with one userId the earlier one is kicked. */
  joinedAt: number;
  stream: StreamAdvert | null;
  /** Ids of every media link the sender holds, so each side can drop links the other has lost. */
  links: string[];
}

export type MessageBody =
  | { type: 'announce'; presence: Presence; replyWanted: boolean }
  | { type: 'bye' }
  /** A subscriber asks for a stream; the SDP carries every ICE candidate (no trickling). */
  | { type: 'offer'; linkId: string; streamId: string; sdp: string }
  | { type: 'answer'; linkId: string; sdp: string }
  /** The publisher does not publish that stream (any more). */
  | { type: 'refuse'; linkId: string }
  | { type: 'close-link'; linkId: string };

export interface Envelope {
  protocol: typeof PROTOCOL;
  sdkAppId: number;
  room: string;
  /** The sending session's id (one per join). */
  from: string;
  /** A session id, or null for the whole room. */
  to: string | null;
}

export type Message = Envelope & MessageBody;

/** The BroadcastChannel name of a room: rooms of different apps, and numeric vs string ids, never meet. */
export function channelName(sdkAppId: number, room: string): string {
  return `${PROTOCOL}/${sdkAppId}/${room}`;
}

/** A room's key: TRTC treats the numeric room 42 and the string room "42" as different rooms. */
export function roomKey(roomId: number | string): string {
  return typeof roomId === 'number' ? `n:${roomId}` : `s:${roomId}`;
}

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 128;
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isTimestamp = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isSdp = (value: unknown): value is string => typeof value === 'string' && value.startsWith('v=0');

function parseAdvert(value: unknown): StreamAdvert | null | undefined {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const { id, audio, video, audioMuted, videoMuted } = value;
  if (!isId(id) || !isBoolean(audio) || !isBoolean(video) || !isBoolean(audioMuted) || !isBoolean(videoMuted)) {
    return undefined;
  }
  return { id, audio, video, audioMuted, videoMuted };
}

function parsePresence(value: unknown): Presence | undefined {
  if (!isRecord(value)) return undefined;
  const { userId, role, joinedAt, links } = value;
  const stream = parseAdvert(value.stream);
  if (!isId(userId) || (role !== 'anchor' && role !== 'audience') || !isTimestamp(joinedAt) || stream === undefined) {
    return undefined;
  }
  if (!Array.isArray(links) || !links.every(isId)) return undefined;
  return { userId, role, joinedAt, stream, links: [...links] };
}

function parseBody(value: Fields): MessageBody | undefined {
  const { linkId } = value;
  switch (value.type) {
    case 'announce': {
      const presence = parsePresence(value.presence);
      if (!presence || !isBoolean(value.replyWanted)) return undefined;
      return { type: 'announce', presence, replyWanted: value.replyWanted };
    }
    case 'bye':
      return { type: 'bye' };
    case 'offer':
      if (!isId(linkId) || !isId(value.streamId) || !isSdp(value.sdp)) return undefined;
      return { type: 'offer', linkId, streamId: value.streamId, sdp: value.sdp };
    case 'answer':
      if (!isId(linkId) || !isSdp(value.sdp)) return undefined;
      return { type: 'answer', linkId, sdp: value.sdp };
    case 'refuse':
    case 'close-link':
      if (!isId(linkId)) return undefined;
      return { type: value.type, linkId };
    default:
      return undefined;
  }
}

/** The message `data` encodes, or undefined when it is not one of ours or is malformed. */
export function parseMessage(data: unknown): Message | undefined {
  if (!isRecord(data) || data.protocol !== PROTOCOL) return undefined;
  const { sdkAppId, room, from, to } = data;
  if (typeof sdkAppId !== 'number' || typeof room !== 'string' || !isId(from) || (to !== null && !isId(to))) {
    return undefined;
  }
  const body = parseBody(data);
  if (!body) return undefined;
  return { protocol: PROTOCOL, sdkAppId, room, from, to, ...body };
}
