import type { NetworkQuality, NetworkQualityLevel } from './types.js';

export const UNKNOWN_NETWORK_QUALITY: NetworkQuality = Object.freeze({ uplink: 0, downlink: 0 });

/** How often the SDK measures every stream's volume, in milliseconds. */
export const VOLUME_INTERVAL_MS = 200;

/**
 * Volumes on TRTC's 0–100 scale. Speaking starts at `START` and ends only after `QUIET_SAMPLES`
 * samples in a row below `STOP`: a pause between words, or a voice hovering about one level,
 * does not make a tile flicker.
 */
const SPEAKING = { START: 10, STOP: 5, QUIET_SAMPLES: 4 } as const;

/** Reads TRTC's 0–6 scale; anything else is "unknown". */
export function networkQualityLevel(value: unknown): NetworkQualityLevel {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 6 ? (value as NetworkQualityLevel) : 0;
}

/**
 * Turns a stream of volume samples per user into "speaking" that changes only when it flips.
 */
export class SpeakingDetector {
  readonly #speaking = new Set<string>();
  readonly #quietSamples = new Map<string, number>();

  /** Takes one volume sample of `userId`; returns the new `speaking` when it flipped, otherwise undefined. */
  sample(userId: string, volume: number): boolean | undefined {
    const speaking = this.#speaking.has(userId);
    if (!speaking) {
      if (volume < SPEAKING.START) return undefined;
      this.#speaking.add(userId);
      this.#quietSamples.set(userId, 0);
      return true;
    }
    const quiet = volume < SPEAKING.STOP ? (this.#quietSamples.get(userId) ?? 0) + 1 : 0;
    this.#quietSamples.set(userId, quiet);
    if (quiet < SPEAKING.QUIET_SAMPLES) return undefined;
    this.forget(userId);
    return false;
  }

  /** `userId` muted or left: not speaking, at once. */
  forget(userId: string): void {
    this.#speaking.delete(userId);
    this.#quietSamples.delete(userId);
  }

  clear(): void {
    this.#speaking.clear();
    this.#quietSamples.clear();
  }
}

/** The names of TRTC's scale, in its order: what `<trtc-network-quality>` reflects as `quality`. */
export const QUALITY_NAMES = ['unknown', 'excellent', 'good', 'poor', 'bad', 'very-bad', 'down'] as const;
export type QualityName = (typeof QUALITY_NAMES)[number];

/** The worse of uplink and downlink; unknown only when neither is known. */
export function overallQuality({ uplink, downlink }: NetworkQuality): QualityName {
  return QUALITY_NAMES[Math.max(uplink, downlink)];
}
