import type { TrtcAudioVolume, TrtcStream } from '../types.js';

/** A stream whose sound is measured, and the track that carries it now. */
export interface VolumeSource {
  userId: string;
  stream: TrtcStream;
  track: MediaStreamTrack;
}

/** How often the sound is sampled: a short word between two reports still counts. */
const SAMPLE_INTERVAL_MS = 100;
/** Samples per reading: at 48 kHz about 170 ms, so consecutive readings overlap and miss nothing. */
const WINDOW_SIZE = 8192;
/** The quietest level that still reads above 0; full scale reads 100. */
const FLOOR_DBFS = -60;

/**
 * TRTC's 0–100 volume of a root-mean-square level (1 = full scale), on a decibel scale so that it
 * follows loudness: -60 dBFS and below is 0, -30 dBFS (quiet speech) 50, 0 dBFS 100.
 */
export function volumeOfLevel(rms: number): number {
  if (!(rms > 0)) return 0;
  const dbfs = 20 * Math.log10(rms);
  return Math.round(Math.min(100, Math.max(0, (1 - dbfs / FLOOR_DBFS) * 100)));
}

interface Meter {
  readonly source: MediaStreamAudioSourceNode;
  readonly analyser: AnalyserNode;
  /** The loudest reading since the last report. */
  loudest: number;
}

/**
 * Measures the real sound of the given tracks with Web Audio analysers, one AudioContext for all,
 * and reports every `intervalMs` the loudest level each had since the previous report. A track
 * that is muted (disabled) carries silence and reads 0. `stop()` releases every node and closes
 * the context.
 */
export class VolumeMeter {
  readonly #context = new AudioContext();
  readonly #meters = new Map<MediaStreamTrack, Meter>();
  readonly #samples = new Float32Array(WINDOW_SIZE);
  readonly #sampleMs: number;
  readonly #ticksPerReport: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #ticksSinceReport = 0;

  constructor(
    intervalMs: number,
    private readonly sources: () => VolumeSource[],
    private readonly report: (result: TrtcAudioVolume[]) => void,
  ) {
    // Outside a user gesture a context may start suspended; it reads silence until it may run.
    this.#context.resume().catch(() => undefined);
    this.#sampleMs = Math.min(intervalMs, SAMPLE_INTERVAL_MS);
    this.#ticksPerReport = Math.max(1, Math.round(intervalMs / this.#sampleMs));
    this.#schedule();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const meter of this.#meters.values()) meter.source.disconnect();
    this.#meters.clear();
    this.#context.close().catch(() => undefined);
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      const sources = this.sources();
      this.#sample(sources);
      this.#ticksSinceReport += 1;
      if (this.#ticksSinceReport >= this.#ticksPerReport) {
        this.#ticksSinceReport = 0;
        this.report(sources.map(({ userId, stream, track }) => ({ userId, stream, audioVolume: this.#takeVolume(track) })));
      }
      // A handler of the report may have stopped the meter.
      if (this.#timer !== undefined) this.#schedule();
    }, this.#sampleMs);
  }

  #sample(sources: VolumeSource[]): void {
    const tracks = new Set(sources.map((source) => source.track));
    for (const [track, meter] of this.#meters) {
      if (tracks.has(track)) continue;
      meter.source.disconnect();
      this.#meters.delete(track);
    }
    for (const track of tracks) {
      const meter = this.#meters.get(track) ?? this.#meterFor(track);
      meter.analyser.getFloatTimeDomainData(this.#samples);
      let sum = 0;
      for (const sample of this.#samples) sum += sample * sample;
      meter.loudest = Math.max(meter.loudest, Math.sqrt(sum / this.#samples.length));
    }
  }

  #meterFor(track: MediaStreamTrack): Meter {
    const source = this.#context.createMediaStreamSource(new MediaStream([track]));
    const analyser = this.#context.createAnalyser();
    analyser.fftSize = WINDOW_SIZE;
    // Measured only: nothing goes to the speakers.
    source.connect(analyser);
    const meter: Meter = { source, analyser, loudest: 0 };
    this.#meters.set(track, meter);
    return meter;
  }

  #takeVolume(track: MediaStreamTrack): number {
    const meter = this.#meters.get(track);
    if (!meter) return 0;
    const volume = volumeOfLevel(meter.loudest);
    meter.loudest = 0;
    return volume;
  }
}
