/**
 * A stand-in for LiveRoomController whose state the test sets directly, recording every request
 * and counting live subscriptions and views, so element tests can check rendering and clean-up
 * without a backend.
 */
import type { TrtcBackend } from '../../src/backends/types.js';
import type { BackendName } from '../../src/backends/loader.js';
import { TrtcLiveRoomElement } from '../../src/elements/live-room/live-room.js';
import type { LiveRoomController } from '../../src/room/live-room-controller.js';
import type {
  ApproveCoAnchor,
  CoAnchorOptions,
  LiveRoomConfig,
  LiveRoomEvent,
  LiveRoomEventMap,
  LiveRoomState,
  LocalView,
  RemoteStreamSnapshot,
  RemoteView,
} from '../../src/room/types.js';

import { INITIAL_STATE } from '../../src/room/room-store.js';

/** The fake starts where a real room does. */
export const IDLE_STATE: LiveRoomState = INITIAL_STATE;

export function remoteSnapshot(userId: string, patch: Partial<RemoteStreamSnapshot> = {}): RemoteStreamSnapshot {
  const type = patch.type ?? 'main';
  return Object.freeze({
    key: `${userId}:${type}`,
    userId,
    type,
    hasAudio: true,
    hasVideo: true,
    audioMuted: false,
    videoMuted: false,
    subscribed: true,
    playing: true,
    autoplayBlocked: false,
    speaking: false,
    ...patch,
  });
}

export class FakeRoomController {
  sdk: TrtcBackend | undefined;
  backend: BackendName = 'trtc';
  approveCoAnchor: ApproveCoAnchor | undefined;
  readonly configured: LiveRoomConfig[] = [];
  readonly calls: string[] = [];
  readonly coAnchorOptions: CoAnchorOptions[] = [];
  readonly resumed: string[] = [];
  readonly remoteViews: RemoteView[] = [];
  readonly localViews: LocalView[] = [];
  readonly #stateListeners = new Set<(state: LiveRoomState) => void>();
  readonly #eventListeners = new Set<(event: LiveRoomEvent) => void>();
  #state: LiveRoomState = IDLE_STATE;

  get state(): LiveRoomState {
    return this.#state;
  }

  get subscriberCount(): number {
    return this.#stateListeners.size;
  }

  get listenerCount(): number {
    return this.#eventListeners.size;
  }

  /** Moves to a new state and tells subscribers, as the real controller does on each change. */
  setState(patch: Partial<LiveRoomState>): LiveRoomState {
    this.#state = Object.freeze({ ...this.#state, ...patch });
    for (const listener of [...this.#stateListeners]) listener(this.#state);
    return this.#state;
  }

  emit<K extends keyof LiveRoomEventMap>(type: K, detail: LiveRoomEventMap[K]): void {
    for (const listener of [...this.#eventListeners]) listener({ type, detail } as LiveRoomEvent);
  }

  subscribe(listener: (state: LiveRoomState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  listen(listener: (event: LiveRoomEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Records the room settings; the backend settings land in `sdk` and `backend`, as on the real one. */
  configure({ sdk, backend, ...config }: LiveRoomConfig): void {
    this.sdk = sdk;
    this.backend = backend ?? 'trtc';
    this.configured.push(config);
  }

  async join(): Promise<void> {
    this.calls.push('join');
  }

  async leave(): Promise<void> {
    this.calls.push('leave');
  }

  async startCoAnchor(options: CoAnchorOptions = {}): Promise<void> {
    this.calls.push('startCoAnchor');
    this.coAnchorOptions.push(options);
  }

  async stopCoAnchor(): Promise<void> {
    this.calls.push('stopCoAnchor');
  }

  async approveCoAnchorRequest(userId: string): Promise<void> {
    this.calls.push(`approveCoAnchorRequest:${userId}`);
  }

  async denyCoAnchorRequest(userId: string): Promise<void> {
    this.calls.push(`denyCoAnchorRequest:${userId}`);
  }

  async removeCoAnchor(userId: string): Promise<void> {
    this.calls.push(`removeCoAnchor:${userId}`);
  }

  async startPreview(options: CoAnchorOptions = {}): Promise<void> {
    this.calls.push('startPreview');
    this.coAnchorOptions.push(options);
  }

  async stopPreview(): Promise<void> {
    this.calls.push('stopPreview');
  }

  async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    this.calls.push(`setMicrophoneEnabled:${enabled}`);
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    this.calls.push(`setCameraEnabled:${enabled}`);
  }

  async selectDevice(kind: string, deviceId: string): Promise<void> {
    this.calls.push(`selectDevice:${kind}:${deviceId}`);
  }

  async resumePlayback(key: string): Promise<void> {
    this.resumed.push(key);
  }

  attachRemoteView(view: RemoteView): () => void {
    this.remoteViews.push(view);
    return () => this.remoteViews.splice(this.remoteViews.indexOf(view), 1);
  }

  attachLocalView(view: LocalView): () => void {
    this.localViews.push(view);
    return () => this.localViews.splice(this.localViews.indexOf(view), 1);
  }

  count(call: string): number {
    return this.calls.filter((made) => made === call).length;
  }
}

/** `<trtc-live-room>` driven by a FakeRoomController. */
export class FakeLiveRoomElement extends TrtcLiveRoomElement {
  get fake(): FakeRoomController {
    return this.controller as unknown as FakeRoomController;
  }

  protected override createController(): LiveRoomController {
    return new FakeRoomController() as unknown as LiveRoomController;
  }
}

let lateTags = 0;

/** A fresh tag for a fake room that is not defined yet: define it with `defineLateRoom(tag)`. */
export function lateRoomTag(): string {
  lateTags += 1;
  return `late-live-room-${lateTags}`;
}

export function defineLateRoom(tag: string): void {
  customElements.define(tag, class extends FakeLiveRoomElement {});
}

if (!customElements.get('fake-live-room')) customElements.define('fake-live-room', FakeLiveRoomElement);
