import { expect } from '@open-wc/testing';
import { loadBackend } from '../../../src/backends/loader.js';
import { loopbackTesting } from '../../../src/backends/loopback/index.js';
import type {
  TrtcBackend,
  TrtcClient,
  TrtcClientConfig,
  TrtcClientEventMap,
  TrtcLocalStream,
  TrtcRemoteStream,
  TrtcStream,
} from '../../../src/backends/types.js';
import { withTimeout } from '../../helpers/async.js';
import { framesRendered, until } from '../../helpers/media.js';

export const SDK_APP_ID = 1400000000;

let lastRoomId = 100000 + Math.floor(Math.random() * 1_000_000);

/** A room no other test uses (channels are origin-wide, so tests never share a room by accident). */
export function uniqueRoomId(): number {
  lastRoomId += 1;
  return lastRoomId;
}

const EVENT_TYPES: (keyof TrtcClientEventMap)[] = [
  'stream-added',
  'stream-removed',
  'stream-updated',
  'stream-subscribed',
  'peer-join',
  'peer-leave',
  'mute-audio',
  'mute-video',
  'unmute-audio',
  'unmute-video',
  'connection-state-changed',
  'client-banned',
  'error',
];

type Entry = { [K in keyof TrtcClientEventMap]: { type: K; payload: TrtcClientEventMap[K] } }[keyof TrtcClientEventMap];

/** Every event a client emits, in order: to assert on, and to wait for. */
export class EventLog {
  readonly entries: Entry[] = [];

  constructor(client: TrtcClient) {
    for (const type of EVENT_TYPES) {
      client.on(type, (payload: unknown) => {
        this.entries.push({ type, payload } as Entry);
      });
    }
  }

  /** The payloads of one event type, oldest first, from entry `from` on. */
  of<K extends keyof TrtcClientEventMap>(type: K, from = 0): TrtcClientEventMap[K][] {
    return this.entries
      .slice(from)
      .filter((entry) => entry.type === type)
      .map((entry) => entry.payload as TrtcClientEventMap[K]);
  }

  /** A position in the log, for waiting on events that come after it. */
  mark(): number {
    return this.entries.length;
  }

  /** The first `type` event from entry `from` on that matches, once it has happened. */
  async waitFor<K extends keyof TrtcClientEventMap>(
    type: K,
    matches: (payload: TrtcClientEventMap[K]) => boolean = () => true,
    from = 0,
    timeout = 10000,
  ): Promise<TrtcClientEventMap[K]> {
    let found: TrtcClientEventMap[K] | undefined;
    await until(() => (found = this.of(type, from).find(matches)) !== undefined, `'${type}' event`, timeout);
    return found!;
  }

  /** Event types in order, with the user or stream owner they concern: a compact trace. */
  trace(from = 0): string[] {
    return this.entries.slice(from).map(({ type, payload }) => {
      if (payload instanceof Error) return `${type}`;
      if ('stream' in payload) return `${type}:${payload.stream.getUserId()}`;
      if ('userId' in payload) return `${type}:${payload.userId}`;
      if ('state' in payload) return `${type}:${payload.state}`;
      if ('reason' in payload) return `${type}:${payload.reason}`;
      return type;
    });
  }
}

export interface TestClient {
  client: TrtcClient;
  events: EventLog;
}

/**
 * Creates loopback clients, streams and player containers for one test and releases them all
 * afterwards, so a failing test cannot leave a client behind in a later test's room.
 */
export class LoopbackFixture {
  TRTC!: TrtcBackend;
  readonly #clients: TrtcClient[] = [];
  readonly #streams: TrtcLocalStream[] = [];
  readonly #elements: HTMLElement[] = [];

  async setUp(): Promise<void> {
    this.TRTC = await loadBackend('loopback');
  }

  async tearDown(): Promise<void> {
    for (const stream of this.#streams.splice(0)) stream.close();
    for (const client of this.#clients.splice(0)) {
      await client.leave();
      client.destroy();
    }
    for (const element of this.#elements.splice(0)) element.remove();
    loopbackTesting.configure();
    loopbackTesting.replugDevices();
  }

  client(userId: string, overrides: Partial<TrtcClientConfig> = {}): TestClient {
    const client = this.TRTC.createClient({
      mode: 'live',
      sdkAppId: SDK_APP_ID,
      userId,
      userSig: 'loopback-needs-no-signature',
      enableAutoPlayDialog: false,
      ...overrides,
    });
    this.#clients.push(client);
    return { client, events: new EventLog(client) };
  }

  async camera(userId: string, config: { audio?: boolean; video?: boolean } = { audio: true, video: true }) {
    const stream = this.TRTC.createStream({ userId, ...config });
    this.#streams.push(stream);
    await stream.initialize();
    return stream;
  }

  /** A client in the room, as anchor, publishing its camera and microphone. */
  async anchor(roomId: number | string, userId: string, overrides: Partial<TrtcClientConfig> = {}) {
    const joined = this.client(userId, overrides);
    await joined.client.join({ roomId, role: 'anchor' });
    const stream = await this.camera(userId);
    await joined.client.publish(stream);
    return { ...joined, stream };
  }

  /** A client in the room as audience. */
  async viewer(roomId: number | string, userId: string, overrides: Partial<TrtcClientConfig> = {}) {
    const joined = this.client(userId, overrides);
    await joined.client.join({ roomId, role: 'audience' });
    return joined;
  }

  /** A div in the document to play into. */
  container(id?: string): HTMLDivElement {
    const div = document.createElement('div');
    if (id) div.id = id;
    div.style.width = '160px';
    div.style.height = '120px';
    document.body.append(div);
    this.#elements.push(div);
    return div;
  }

  /** Plays `stream` and resolves once its video element has presented new frames. */
  async playsFrames(stream: TrtcStream, container = this.container()): Promise<HTMLVideoElement> {
    await stream.play(container);
    let video: HTMLVideoElement | null = null;
    await until(() => (video = container.querySelector('video')) !== null, `a <video> for ${stream.getUserId()}`);
    await withTimeout(framesRendered(video!), `frames from ${stream.getUserId()}`);
    expect(video!.videoWidth, 'decoded pixels').to.be.greaterThan(0);
    return video!;
  }
}

/** The remote stream `events` announced for `userId`, once it has been added. */
export async function streamOf(events: EventLog, userId: string, from = 0): Promise<TrtcRemoteStream> {
  const { stream } = await events.waitFor('stream-added', (event) => event.stream.getUserId() === userId, from);
  return stream;
}
