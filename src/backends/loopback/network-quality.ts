import type { TrtcNetworkQuality, TrtcNetworkQualityEvent } from '../types.js';

/** What one media link's statistics say: round-trip time and the share of packets lost, when known. */
export interface LinkSample {
  rttMs?: number;
  /** 0–1. */
  loss?: number;
}

/**
 * TRTC's grades 1 (excellent) to 5 (very poor) by the worse of round-trip time and loss: a link
 * gets the first grade whose limits it is within. Beyond the last it is 5 as well; 6 is kept for
 * a link that is down, 0 for one with nothing measured yet.
 */
const GRADES: readonly { quality: TrtcNetworkQuality; rttMs: number; loss: number }[] = [
  { quality: 1, rttMs: 100, loss: 0.01 },
  { quality: 2, rttMs: 200, loss: 0.03 },
  { quality: 3, rttMs: 300, loss: 0.08 },
  { quality: 4, rttMs: 500, loss: 0.15 },
];
const VERY_POOR: TrtcNetworkQuality = 5;
export const DISCONNECTED: TrtcNetworkQuality = 6;
export const UNKNOWN: TrtcNetworkQuality = 0;

/** The grade of one link's sample (0 when it has neither figure). */
export function qualityOf({ rttMs, loss }: LinkSample): TrtcNetworkQuality {
  if (rttMs === undefined && loss === undefined) return UNKNOWN;
  const grade = GRADES.find((limit) => (rttMs ?? 0) <= limit.rttMs && (loss ?? 0) <= limit.loss);
  return grade?.quality ?? VERY_POOR;
}

/** The quality of a direction: its worst link; unknown links count only when nothing is known. */
export function worstOf(qualities: readonly TrtcNetworkQuality[]): TrtcNetworkQuality {
  return qualities.reduce<TrtcNetworkQuality>((worst, quality) => (quality > worst ? quality : worst), UNKNOWN);
}

/** A peer connection to measure, and what it last reported (loss is counted between two reports). */
export interface MeasuredLink {
  readonly id: string;
  readonly connectionState: RTCPeerConnectionState;
  stats(): Promise<RTCStatsReport>;
}

type Stats = Record<string, unknown>;
const numberIn = (stats: Stats, key: string) => (typeof stats[key] === 'number' ? (stats[key] as number) : undefined);

/** The round-trip time ICE measures on the pair in use, in ms. */
function candidatePairRtt(report: RTCStatsReport): number | undefined {
  let rtt: number | undefined;
  report.forEach((stats: Stats) => {
    if (stats.type !== 'candidate-pair' || (stats.nominated !== true && stats.selected !== true)) return;
    const seconds = numberIn(stats, 'currentRoundTripTime');
    if (seconds !== undefined) rtt = seconds * 1000;
  });
  return rtt;
}

const maxOf = (values: (number | undefined)[]) => {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
};

/**
 * Measures the links of a client every time it is asked: uplinks by what the receiver reports back
 * (`remote-inbound-rtp`: round-trip time, fraction lost), downlinks by packets lost against packets
 * received since the previous measurement (`inbound-rtp`), both with ICE's round-trip time where the
 * RTCP one is missing.
 */
export class NetworkMonitor {
  /** Per downlink, per kind: packets received and lost at the previous measurement. */
  readonly #counts = new Map<string, Map<string, { received: number; lost: number }>>();

  async measure(uplinks: readonly MeasuredLink[], downlinks: readonly MeasuredLink[]): Promise<TrtcNetworkQualityEvent> {
    const [up, down] = await Promise.all([
      Promise.all(uplinks.map((link) => this.#grade(link, (report) => this.#uplinkSample(report)))),
      Promise.all(downlinks.map((link) => this.#grade(link, (report) => this.#downlinkSample(link.id, report)))),
    ]);
    const current = new Set(downlinks.map((link) => link.id));
    for (const linkId of this.#counts.keys()) if (!current.has(linkId)) this.#counts.delete(linkId);
    return { uplinkNetworkQuality: worstOf(up), downlinkNetworkQuality: worstOf(down) };
  }

  async #grade(link: MeasuredLink, sample: (report: RTCStatsReport) => LinkSample): Promise<TrtcNetworkQuality> {
    if (link.connectionState === 'failed' || link.connectionState === 'disconnected') return DISCONNECTED;
    if (link.connectionState !== 'connected') return UNKNOWN;
    try {
      return qualityOf(sample(await link.stats()));
    } catch {
      // Closed meanwhile: it is no longer part of the room's picture.
      return UNKNOWN;
    }
  }

  #uplinkSample(report: RTCStatsReport): LinkSample {
    const rtts: (number | undefined)[] = [];
    const losses: (number | undefined)[] = [];
    report.forEach((stats: Stats) => {
      if (stats.type !== 'remote-inbound-rtp') return;
      const seconds = numberIn(stats, 'roundTripTime');
      rtts.push(seconds === undefined ? undefined : seconds * 1000);
      losses.push(numberIn(stats, 'fractionLost'));
    });
    return { rttMs: maxOf(rtts) ?? candidatePairRtt(report), loss: maxOf(losses) };
  }

  #downlinkSample(linkId: string, report: RTCStatsReport): LinkSample {
    const losses: (number | undefined)[] = [];
    let counts = this.#counts.get(linkId);
    if (!counts) {
      counts = new Map();
      this.#counts.set(linkId, counts);
    }
    report.forEach((stats: Stats) => {
      if (stats.type !== 'inbound-rtp') return;
      const received = numberIn(stats, 'packetsReceived');
      const lost = numberIn(stats, 'packetsLost');
      if (received === undefined || lost === undefined) return;
      const kind = String(stats.kind);
      const before = counts.get(kind);
      counts.set(kind, { received, lost });
      if (!before) return;
      const newlyLost = Math.max(0, lost - before.lost);
      const total = received - before.received + newlyLost;
      losses.push(total > 0 ? newlyLost / total : undefined);
    });
    return { rttMs: candidatePairRtt(report), loss: maxOf(losses) };
  }
}
