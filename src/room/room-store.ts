import { NO_DEVICES } from './local-media.js';
import { UNKNOWN_NETWORK_QUALITY } from './activity.js';
import type { CoAnchorChangeReason, LiveRoomEvent, LiveRoomEventMap, LiveRoomState } from './types.js';

export type StateListener = (state: LiveRoomState) => void;
export type EventListener = (event: LiveRoomEvent) => void;

/** A room before its first join, and what `state` starts as. */
export const INITIAL_STATE: LiveRoomState = Object.freeze({
  connectionState: 'idle',
  coAnchorState: 'idle',
  role: 'audience',
  roomId: null,
  userId: null,
  remoteStreams: Object.freeze([]),
  localStream: null,
  error: null,
  canPublish: null,
  joinedRole: null,
  coAnchorRequests: Object.freeze([]),
  coAnchors: Object.freeze([]),
  devices: NO_DEVICES,
  networkQuality: UNKNOWN_NETWORK_QUALITY,
});

export function shallowEqual<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

/** A page author's listener that throws must not derail the room; surface it asynchronously. */
export function safely(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

/**
 * The room's observable side: one frozen state, replaced only on a real change and sent to
 * `subscribe()`rs, and the discrete events sent to `listen()`ers. A change of the co-anchor state
 * is announced as `trtc-co-anchor-change` too.
 */
export class RoomStore {
  #state: LiveRoomState = INITIAL_STATE;
  readonly #stateListeners = new Set<StateListener>();
  readonly #eventListeners = new Set<EventListener>();

  get state(): LiveRoomState {
    return this.#state;
  }

  /** Calls `listener` with each new state (not with the current one). Returns an unsubscribe function. */
  subscribe(listener: StateListener): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** Calls `listener` with each discrete event. Returns a function that stops listening. */
  listen(listener: EventListener): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Applies `patch`; tells subscribers only if something changed (`reason`: why co-anchoring ended). */
  set(patch: Partial<LiveRoomState>, reason: CoAnchorChangeReason | null = null): void {
    const previous = this.#state;
    const next = { ...previous, ...patch };
    if (shallowEqual(next, previous)) return;
    this.#state = Object.freeze(next);
    for (const listener of [...this.#stateListeners]) safely(() => listener(this.#state));
    const { coAnchorState: state } = next;
    if (state !== previous.coAnchorState) {
      const denied = reason === 'denied' || reason === 'full';
      this.emit('trtc-co-anchor-change', Object.freeze({ state, previousState: previous.coAnchorState, denied, reason }));
    }
  }

  emit<K extends keyof LiveRoomEventMap>(type: K, detail: LiveRoomEventMap[K]): void {
    const event = { type, detail } as LiveRoomEvent;
    for (const listener of [...this.#eventListeners]) safely(() => listener(event));
  }

  /** Forgets every subscriber and listener. */
  clear(): void {
    this.#stateListeners.clear();
    this.#eventListeners.clear();
  }
}
