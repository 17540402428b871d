import type { StreamType } from './types.js';

/** How a remote stream is known in the room: one per user and stream type (`RemoteStreamSnapshot.key`). */
export function streamKey(userId: string, type: StreamType): string {
  return `${userId}:${type}`;
}
