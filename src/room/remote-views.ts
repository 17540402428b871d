import type { RemoteStreamSnapshot, RemoteView } from './types.js';

/** Sorts views by where their elements stand in the document. */
export function byDocumentOrder(a: { readonly host: Element }, b: { readonly host: Element }): number {
  if (a.host === b.host) return 0;
  // Hosts in different trees (e.g. a room's shadow layout vs. the page) keep attach order.
  const position = a.host.compareDocumentPosition(b.host);
  if (position & Node.DOCUMENT_POSITION_DISCONNECTED) return 0;
  return position & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/**
 * Decides which stream each view shows. Views naming a user claim that user's stream first;
 * then views without a user, in document order, take the streams nobody claimed, in join order.
 */
export function assignStreams(
  views: readonly RemoteView[],
  streams: readonly RemoteStreamSnapshot[],
): Map<RemoteView, RemoteStreamSnapshot | null> {
  const ordered = [...views].sort(byDocumentOrder);
  const claimed = new Set<string>();
  const assignment = new Map<RemoteView, RemoteStreamSnapshot | null>();
  for (const view of ordered) {
    if (!view.userId) continue;
    const stream = streams.find(
      (candidate) =>
        candidate.userId === view.userId && candidate.type === view.streamType && !claimed.has(candidate.key),
    );
    if (stream) claimed.add(stream.key);
    assignment.set(view, stream ?? null);
  }
  // Streams a named view is waiting for stay reserved for it even before it joins.
  const reservedUsers = new Set(ordered.filter((view) => view.userId).map((view) => `${view.userId}:${view.streamType}`));
  for (const view of ordered) {
    if (view.userId) continue;
    const stream = streams.find(
      (candidate) =>
        candidate.type === view.streamType && !claimed.has(candidate.key) && !reservedUsers.has(candidate.key),
    );
    if (stream) claimed.add(stream.key);
    assignment.set(view, stream ?? null);
  }
  return assignment;
}
