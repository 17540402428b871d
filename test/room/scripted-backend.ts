/**
 * A TRTC-v4-shaped backend whose every step the test controls: hold a step to race it, fail a
 * step to test rollback, emit SDK events at will. Local streams capture the real (fake-device)
 * camera, so track states are real.
 */
import type {
  TrtcBackend,
  TrtcClient,
  TrtcClientConfig,
  TrtcClientEventMap,
  TrtcHandler,
  TrtcLocalStream,
  TrtcPlayOptions,
  TrtcRemoteStream,
  TrtcRole,
  TrtcStreamConfig,
  TrtcStreamEventMap,
} from '../../src/backends/types.js';

export type Step = 'join' | 'leave' | 'switchRole' | 'initialize' | 'publish' | 'unpublish' | 'subscribe';

export class TrtcCodedError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
  getCode(): number {
    return this.code;
  }
}

class Listeners<Map> {
  readonly handlers = new Map<keyof Map, Set<TrtcHandler<never>>>();
  on<K extends keyof Map>(event: K, handler: TrtcHandler<Map[K]>): void {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler as TrtcHandler<never>);
  }
  off<K extends keyof Map>(event: K, handler: TrtcHandler<Map[K]>): void {
    this.handlers.get(event)?.delete(handler as TrtcHandler<never>);
  }
  emit<K extends keyof Map>(event: K, payload: Map[K]): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) (handler as TrtcHandler<Map[K]>)(payload);
  }
  get count(): number {
    return [...this.handlers.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class ScriptedRemoteStream implements TrtcRemoteStream {
  readonly events = new Listeners<TrtcStreamEventMap>();
  playedIn: HTMLDivElement | null = null;
  playOptions: TrtcPlayOptions | undefined;
  playError: unknown = null;
  resumeCalls = 0;

  constructor(
    readonly userId: string,
    readonly type: 'main' | 'auxiliary' = 'main',
    private readonly audio = true,
    private readonly video = true,
  ) {}

  async play(container: string | HTMLDivElement, options?: TrtcPlayOptions): Promise<void> {
    if (!(container instanceof HTMLDivElement)) throw new TypeError('tests pass a div');
    this.playedIn = container;
    this.playOptions = options;
    if (this.playError) throw this.playError;
    this.events.emit('player-state-changed', { type: 'video', state: 'PLAYING', reason: 'playing' });
  }
  stop(): void {
    this.playedIn = null;
  }
  async resume(): Promise<void> {
    this.resumeCalls += 1;
    this.playError = null;
  }
  close(): void {}
  muteAudio = () => false;
  muteVideo = () => false;
  unmuteAudio = () => false;
  unmuteVideo = () => false;
  getId = () => `${this.userId}-${this.type}`;
  getUserId = () => this.userId;
  getType = () => this.type;
  /** The speaker each setAudioOutput() call chose, in order. */
  readonly audioOutputs: string[] = [];
  setAudioOutput = async (deviceId: string) => {
    this.audioOutputs.push(deviceId);
  };
  hasAudio = () => this.audio;
  hasVideo = () => this.video;
  getAudioTrack = () => null;
  getVideoTrack = () => null;
  on<K extends keyof TrtcStreamEventMap>(event: K, handler: TrtcHandler<TrtcStreamEventMap[K]>): void {
    this.events.on(event, handler);
  }
  off<K extends keyof TrtcStreamEventMap>(event: K, handler: TrtcHandler<TrtcStreamEventMap[K]>): void {
    this.events.off(event, handler);
  }
}

export class ScriptedLocalStream implements TrtcLocalStream {
  readonly events = new Listeners<TrtcStreamEventMap>();
  media: MediaStream | null = null;
  playedIn: HTMLDivElement | null = null;
  closed = false;

  constructor(
    private readonly backend: ScriptedBackend,
    readonly config: TrtcStreamConfig,
  ) {}

  async initialize(): Promise<void> {
    await this.backend.step('initialize');
    this.backend.capturing += 1;
    try {
      this.media = await navigator.mediaDevices.getUserMedia({ audio: this.config.audio, video: this.config.video });
    } finally {
      this.backend.capturing -= 1;
    }
    // Like the SDK, a stream closed while capturing does not release what capture returns later.
  }
  async play(container: string | HTMLDivElement): Promise<void> {
    this.playedIn = container as HTMLDivElement;
  }
  stop(): void {
    this.playedIn = null;
  }
  async resume(): Promise<void> {}
  close(): void {
    this.closed = true;
    for (const track of this.media?.getTracks() ?? []) track.stop();
  }
  // As v4 does: a muted track stays captured, disabled.
  muteAudio = () => this.#enable(this.getAudioTrack(), false);
  muteVideo = () => this.#enable(this.getVideoTrack(), false);
  unmuteAudio = () => this.#enable(this.getAudioTrack(), true);
  unmuteVideo = () => this.#enable(this.getVideoTrack(), true);
  #enable(track: MediaStreamTrack | null, enabled: boolean): boolean {
    if (!track) return false;
    track.enabled = enabled;
    return true;
  }
  getId = () => 'local';
  /** The devices switched to, as `audio:id` / `video:id`. */
  readonly switches: string[] = [];
  /** Captures `deviceId` and puts its track in place of the old one, which is stopped (the mute state kept). */
  switchDevice = async (type: 'audio' | 'video', deviceId: string) => {
    this.switches.push(`${type}:${deviceId}`);
    if (!this.media) throw new TrtcCodedError('not initialized', 0x1001);
    const devices = await navigator.mediaDevices.enumerateDevices();
    if (!devices.some((device) => device.deviceId === deviceId && device.kind === (type === 'audio' ? 'audioinput' : 'videoinput'))) {
      throw new TrtcCodedError(`no device ${deviceId}`, 0x1003);
    }
    const captured = await navigator.mediaDevices.getUserMedia({ [type]: { deviceId: { exact: deviceId } } });
    const [track] = captured.getTracks();
    const old = type === 'audio' ? this.getAudioTrack() : this.getVideoTrack();
    if (old) {
      track.enabled = old.enabled;
      old.stop();
      this.media.removeTrack(old);
    }
    this.media.addTrack(track);
  };
  /** As the SDK does after the device in use went away: says which devices capture now. */
  recovered(kind: 'camera' | 'microphone'): void {
    const track = kind === 'camera' ? this.getVideoTrack() : this.getAudioTrack();
    const deviceId = track?.getSettings().deviceId ?? '';
    this.events.emit('device-auto-recovered', {
      isCamera: kind === 'camera',
      isMicrophone: kind === 'microphone',
      cameraId: kind === 'camera' ? deviceId : '',
      microphoneId: kind === 'microphone' ? deviceId : '',
    });
  }
  getUserId = () => this.config.userId ?? '';
  hasAudio = () => Boolean(this.media?.getAudioTracks().length);
  hasVideo = () => Boolean(this.media?.getVideoTracks().length);
  getAudioTrack = () => this.media?.getAudioTracks()[0] ?? null;
  getVideoTrack = () => this.media?.getVideoTracks()[0] ?? null;
  on<K extends keyof TrtcStreamEventMap>(event: K, handler: TrtcHandler<TrtcStreamEventMap[K]>): void {
    this.events.on(event, handler);
  }
  off<K extends keyof TrtcStreamEventMap>(event: K, handler: TrtcHandler<TrtcStreamEventMap[K]>): void {
    this.events.off(event, handler);
  }
}

export class ScriptedClient implements TrtcClient {
  readonly events = new Listeners<TrtcClientEventMap>();
  readonly calls: string[] = [];
  readonly roles: TrtcRole[] = [];
  joinedRoom: number | string | null = null;
  destroyed = false;

  constructor(
    private readonly backend: ScriptedBackend,
    readonly config: TrtcClientConfig,
  ) {}

  async join({ roomId, role }: { roomId: number | string; role?: TrtcRole }): Promise<void> {
    this.calls.push('join');
    await this.backend.step('join');
    this.joinedRoom = roomId;
    this.roles.push(role ?? 'anchor');
  }
  async leave(): Promise<void> {
    this.calls.push('leave');
    await this.backend.step('leave');
    this.joinedRoom = null;
  }
  async publish(): Promise<void> {
    this.calls.push('publish');
    await this.backend.step('publish');
  }
  async unpublish(): Promise<void> {
    this.calls.push('unpublish');
    await this.backend.step('unpublish');
  }
  async subscribe(stream: TrtcRemoteStream): Promise<void> {
    this.calls.push(`subscribe:${stream.getUserId()}`);
    await this.backend.step('subscribe');
    this.events.emit('stream-subscribed', { stream });
  }
  async unsubscribe(): Promise<void> {}
  async switchRole(role: TrtcRole): Promise<void> {
    this.calls.push(`switchRole:${role}`);
    await this.backend.step('switchRole');
    this.roles.push(role);
  }
  on<K extends keyof TrtcClientEventMap>(event: K, handler: TrtcHandler<TrtcClientEventMap[K]>): void {
    this.events.on(event, handler);
  }
  off<K extends keyof TrtcClientEventMap>(event: K, handler: TrtcHandler<TrtcClientEventMap[K]>): void {
    this.events.off(event, handler);
  }
  volumeInterval: number | undefined;
  enableAudioVolumeEvaluation(interval?: number): void {
    this.volumeInterval = interval;
  }
  getRemoteMutedState() {
    return [];
  }
  /** As the real SDK does, refuses while still in the room. */
  destroy(): void {
    if (this.joinedRoom !== null) throw new TrtcCodedError('please call leave() before destroy()', 0x1001);
    this.destroyed = true;
  }
  /** Announces a remote stream as the SDK would. */
  addRemote(stream: ScriptedRemoteStream): void {
    this.events.emit('stream-added', { stream });
  }
}

export class ScriptedBackend implements TrtcBackend {
  VERSION = 'scripted';
  Logger = { setLogLevel() {}, enableUploadLog() {}, disableUploadLog() {} };
  readonly clients: ScriptedClient[] = [];
  readonly streams: ScriptedLocalStream[] = [];
  supported = true;
  /** Camera captures asked of the browser and not yet answered: what a test waits for before counting tracks. */
  capturing = 0;
  private held = new Map<Step, Deferred>();
  private failures = new Map<Step, unknown>();
  private waitingAt = new Map<Step, number>();

  /** The next call of `step` waits until `release(step)`. Returns a promise that settles when it is reached. */
  hold(step: Step): void {
    // Held already: the calls waiting keep waiting for the one release.
    if (!this.held.has(step)) this.held.set(step, deferred());
  }
  release(step: Step): void {
    const gate = this.held.get(step);
    this.held.delete(step);
    gate?.resolve();
  }
  /** The next call of `step` rejects with `error`. */
  fail(step: Step, error: unknown): void {
    this.failures.set(step, error);
  }
  /** Whether a failure set with `fail(step)` is still waiting for its call. */
  failing(step: Step): boolean {
    return this.failures.has(step);
  }
  /** Whether `step` is held (calls of it wait for `release(step)`). */
  holding(step: Step): boolean {
    return this.held.has(step);
  }
  /** How many calls are waiting at the held `step` now. */
  waiting(step: Step): number {
    return this.waitingAt.get(step) ?? 0;
  }
  async step(step: Step): Promise<void> {
    const gate = this.held.get(step);
    if (gate) {
      this.waitingAt.set(step, this.waiting(step) + 1);
      await gate.promise;
      this.waitingAt.set(step, this.waiting(step) - 1);
    }
    if (this.failures.has(step)) {
      const error = this.failures.get(step);
      this.failures.delete(step);
      throw error;
    }
  }

  get client(): ScriptedClient {
    const client = this.clients.at(-1);
    if (!client) throw new Error('no client was created');
    return client;
  }

  async checkSystemRequirements() {
    return {
      result: this.supported,
      detail: { isBrowserSupported: this.supported, isWebRTCSupported: this.supported, isMediaDevicesSupported: true },
    };
  }
  createClient(config: TrtcClientConfig): ScriptedClient {
    const client = new ScriptedClient(this, config);
    this.clients.push(client);
    return client;
  }
  createStream(config: TrtcStreamConfig): ScriptedLocalStream {
    const stream = new ScriptedLocalStream(this, config);
    this.streams.push(stream);
    return stream;
  }
  getCameras = () => this.#devices('videoinput');
  getMicrophones = () => this.#devices('audioinput');
  getSpeakers = () => this.#devices('audiooutput');
  async #devices(kind: MediaDeviceKind): Promise<MediaDeviceInfo[]> {
    return (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === kind);
  }
}
