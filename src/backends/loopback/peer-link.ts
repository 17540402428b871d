/**
 * One media link: an RTCPeerConnection carrying one published stream from its publisher to one
 * subscriber. The subscriber offers (it decides whether it wants audio, video or both), the
 * publisher answers with its tracks. There are no ICE servers: host candidates connect tabs of
 * one machine, and nothing may leave it. Candidates are not trickled: each side waits for ICE
 * gathering to finish, so one offer and one answer message make a link.
 */

/** Gathering host candidates takes well under a second; never wait on it longer than this. */
const GATHERING_LIMIT_MS = 3000;

/** The link was closed (by its owner, or its peer went away) while a step was waiting on it. */
export class LinkClosedError extends Error {
  constructor() {
    super('media link closed');
    this.name = 'LinkClosedError';
  }
}

export interface LinkTracks {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
}

abstract class MediaLink {
  /** Fires once when ICE or DTLS fails for good, so the owner can rebuild or drop the link. */
  onFailed: (() => void) | null = null;
  protected readonly pc: RTCPeerConnection;
  readonly #abort = new AbortController();

  constructor(
    readonly id: string,
    /** The session on the other end. */
    readonly peerId: string,
  ) {
    // Looked up at call time so page-level instrumentation (leak checks) sees every connection.
    this.pc = new RTCPeerConnection({ iceServers: [] });
    this.pc.addEventListener('connectionstatechange', this.#onConnectionState);
  }

  get closed(): boolean {
    return this.#abort.signal.aborted;
  }

  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** The peer connection's statistics (for the client's network quality). */
  stats(): Promise<RTCStatsReport> {
    return this.pc.getStats();
  }

  /** Closes the peer connection (its received tracks end) and fails every pending wait. */
  close(): void {
    if (this.closed) return;
    this.#abort.abort();
    this.pc.removeEventListener('connectionstatechange', this.#onConnectionState);
    this.pc.close();
  }

  /**
   * Settles as `promise` does, or with undefined once `timeoutMs` passed; rejects with
   * LinkClosedError as soon as the link is closed, so no caller ever waits on a dead link.
   */
  protected within<T>(promise: Promise<T>, timeoutMs: number): Promise<T | undefined> {
    const signal = this.#abort.signal;
    if (signal.aborted) return Promise.reject(new LinkClosedError());
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        finish();
        reject(new LinkClosedError());
      };
      const timer = setTimeout(() => {
        finish();
        resolve(undefined);
      }, timeoutMs);
      signal.addEventListener('abort', onAbort);
      promise.then(
        (value) => {
          finish();
          resolve(value);
        },
        (error: unknown) => {
          finish();
          reject(error);
        },
      );
    });
  }

  /** Resolves (with true) once `ready()` holds, checked whenever `event` fires; its listener goes with the link. */
  protected until(target: EventTarget, event: string, ready: () => boolean): Promise<true> {
    return new Promise((resolve) => {
      if (ready()) {
        resolve(true);
        return;
      }
      const signal = this.#abort.signal;
      const stop = () => {
        target.removeEventListener(event, check);
        signal.removeEventListener('abort', stop);
      };
      const check = () => {
        if (!ready()) return;
        stop();
        resolve(true);
      };
      target.addEventListener(event, check);
      signal.addEventListener('abort', stop);
    });
  }

  /** The local description once ICE gathering is over, so it lists every candidate. */
  protected async gatheredDescription(): Promise<string> {
    const gathered = this.until(this.pc, 'icegatheringstatechange', () => this.pc.iceGatheringState === 'complete');
    await this.within(gathered, GATHERING_LIMIT_MS);
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('the peer connection has no local description');
    return sdp;
  }

  /**
   * Runs one negotiation step. Once the link is closed the step fails with LinkClosedError at
   * once, whatever it was doing: a closed RTCPeerConnection may leave its pending promises
   * unsettled forever, and a closed one's errors (InvalidStateError) are not the real reason.
   */
  protected async step<T>(work: () => Promise<T>): Promise<T> {
    const signal = this.#abort.signal;
    if (signal.aborted) throw new LinkClosedError();
    let onAbort = () => {};
    const closed = new Promise<never>((_, reject) => {
      onAbort = () => reject(new LinkClosedError());
      signal.addEventListener('abort', onAbort);
    });
    try {
      const result = await Promise.race([work(), closed]);
      if (signal.aborted) throw new LinkClosedError();
      return result;
    } catch (error) {
      throw signal.aborted ? new LinkClosedError() : error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  readonly #onConnectionState = (): void => {
    if (this.pc.connectionState === 'failed') this.onFailed?.();
  };
}

/** The subscriber's end: receives the publisher's tracks. */
export class Downlink extends MediaLink {
  readonly #answer: Promise<string>;
  #deliverAnswer: ((sdp: string) => void) | null = null;
  #answered = false;

  constructor(id: string, peerId: string) {
    super(id, peerId);
    this.#answer = new Promise((resolve) => {
      this.#deliverAnswer = resolve;
    });
  }

  /** The publisher has answered: from then on it lists this link in every announce. */
  get answered(): boolean {
    return this.#answered;
  }

  /** Builds the offer asking for the given kinds of media. */
  offer(kinds: { audio: boolean; video: boolean }): Promise<string> {
    return this.step(async () => {
      if (kinds.audio) this.pc.addTransceiver('audio', { direction: 'recvonly' });
      if (kinds.video) this.pc.addTransceiver('video', { direction: 'recvonly' });
      await this.pc.setLocalDescription();
      return this.gatheredDescription();
    });
  }

  /** Hands over the publisher's answer, which `establish()` is waiting for. */
  receiveAnswer(sdp: string): void {
    if (this.#answered) return;
    this.#answered = true;
    this.#deliverAnswer?.(sdp);
  }

  /**
   * Waits for the answer, applies it and waits for media to connect. Resolves false if that does
   * not happen within `timeoutMs`; rejects with LinkClosedError if the link is closed meanwhile.
   */
  establish(timeoutMs: number): Promise<boolean> {
    return this.step(async () => {
      const deadline = performance.now() + timeoutMs;
      const sdp = await this.within(this.#answer, timeoutMs);
      if (sdp === undefined) return false;
      await this.pc.setRemoteDescription({ type: 'answer', sdp });
      const connected = this.until(this.pc, 'connectionstatechange', () => this.pc.connectionState === 'connected');
      return (await this.within(connected, Math.max(0, deadline - performance.now()))) === true;
    });
  }

  /** The received tracks, one per kind that was offered. */
  tracks(): LinkTracks {
    const tracks: LinkTracks = { audio: null, video: null };
    for (const transceiver of this.pc.getTransceivers()) {
      const track = transceiver.receiver.track;
      if (track.kind === 'audio' || track.kind === 'video') tracks[track.kind] = track;
    }
    return tracks;
  }
}

/** The publisher's end: sends its stream's tracks to one subscriber. */
export class Uplink extends MediaLink {
  /** Answers the subscriber's offer, sending `tracks` on the kinds it asked for. */
  answer(offerSdp: string, tracks: LinkTracks): Promise<string> {
    return this.step(async () => {
      await this.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      for (const transceiver of this.pc.getTransceivers()) {
        // Always sendonly, with no track if the stream lacks that kind now: a track added later
        // is then a replaceTrack(), with no renegotiation.
        transceiver.direction = 'sendonly';
        await transceiver.sender.replaceTrack(this.#trackFor(transceiver, tracks));
      }
      await this.pc.setLocalDescription();
      return this.gatheredDescription();
    });
  }

  /** Switches to the stream's current tracks (after it was re-initialised or closed). */
  replaceTracks(tracks: LinkTracks): Promise<void> {
    return this.step(async () => {
      for (const transceiver of this.pc.getTransceivers()) {
        await transceiver.sender.replaceTrack(this.#trackFor(transceiver, tracks));
      }
    });
  }

  #trackFor(transceiver: RTCRtpTransceiver, tracks: LinkTracks): MediaStreamTrack | null {
    const kind = transceiver.receiver.track.kind;
    return kind === 'audio' || kind === 'video' ? tracks[kind] : null;
  }
}
