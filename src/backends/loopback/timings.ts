/** How quickly the loopback notices silence and lost devices, and reports the network. Tests shorten these through `loopbackTesting.configure()`. */
export interface LoopbackTimings {
  /** How often every client announces itself (and checks on the others). */
  heartbeatIntervalMs: number;
  /** A client not heard from for this long is treated as gone: its streams are removed. */
  peerTimeoutMs: number;
  /**
   * How long signalling may stay silent before giving up: a lost channel then fails with
   * SIGNAL_CHANNEL_RECONNECTION_FAILED, and an unanswered subscription with SUBSCRIPTION_TIMEOUT.
   */
  reconnectTimeoutMs: number;
  /**
   * How often a local stream checks that its captured tracks still run: a track stopped from
   * outside fires no 'ended' event, and the stream recovers its device only once it notices.
   */
  trackCheckIntervalMs: number;
  /** How often a client in a room reports 'network-quality' (TRTC: every 2 s). */
  networkQualityIntervalMs: number;
}

const DEFAULT_TIMINGS: Readonly<LoopbackTimings> = Object.freeze({
  heartbeatIntervalMs: 1000,
  peerTimeoutMs: 4000,
  reconnectTimeoutMs: 10000,
  trackCheckIntervalMs: 500,
  networkQualityIntervalMs: 2000,
});

let current: Readonly<LoopbackTimings> = DEFAULT_TIMINGS;

/** The timings in force now; running clients read them on every tick, so changes apply at once. */
export function timings(): Readonly<LoopbackTimings> {
  return current;
}

/** Merges `changes` into the current timings (with no argument, restores the defaults); returns the result. */
export function configureTimings(changes?: Partial<LoopbackTimings>): Readonly<LoopbackTimings> {
  if (changes === undefined) {
    current = DEFAULT_TIMINGS;
    return current;
  }
  const next = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in DEFAULT_TIMINGS)) throw new TypeError(`loopbackTesting.configure(): unknown option "${key}"`);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new TypeError(`loopbackTesting.configure(): ${key} must be a positive number of milliseconds`);
    }
    next[key as keyof LoopbackTimings] = value;
  }
  current = Object.freeze(next);
  return current;
}
