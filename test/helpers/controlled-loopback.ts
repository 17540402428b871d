/**
 * A loopback namespace that records and holds, for tests that must catch a room in the middle of
 * a step (joining, going live, stepping down) whatever the speed of the browser or framework.
 */
import TRTC from '../../src/backends/loopback/index.js';
import type { TrtcBackend, TrtcClient, TrtcLocalStream } from '../../src/backends/types.js';
import { withTimeout } from './async.js';

/** How long `started()` waits for a held step to be called. */
const CALL_TIMEOUT = 15000;

export type Step = 'join' | 'switchRole' | 'publish' | 'unpublish' | 'initialize';

interface Gate {
  started: Promise<void>;
  markStarted(): void;
  released: Promise<void>;
  release(): void;
}

function gate(): Gate {
  let markStarted!: () => void;
  let release!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return { started, markStarted, released, release };
}

/**
 * The loopback namespace, to hand to a room through its `sdk` property: it records each client
 * by user id, and each step named with `hold()` waits (before reaching the SDK) until `release()`.
 * `started(step)` resolves once a held step has been called.
 */
export class ControlledLoopback {
  readonly clients = new Map<string, TrtcClient>();
  /** The camera streams the rooms created, by user id (the latest). */
  readonly streams = new Map<string, TrtcLocalStream>();
  readonly sdk: TrtcBackend;
  readonly #gates = new Map<Step, Gate>();
  readonly #calls = new Map<Step, number>();

  constructor() {
    const through = <A extends unknown[], R>(step: Step, call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        this.#calls.set(step, (this.#calls.get(step) ?? 0) + 1);
        const held = this.#gates.get(step);
        if (held) {
          held.markStarted();
          await held.released;
        }
        return call(...args);
      };
    this.sdk = Object.freeze({
      ...TRTC,
      createClient: (config: Parameters<TrtcBackend['createClient']>[0]) => {
        const client = TRTC.createClient(config);
        this.clients.set(config.userId, client);
        client.join = through('join', client.join.bind(client));
        client.switchRole = through('switchRole', client.switchRole.bind(client));
        client.publish = through('publish', client.publish.bind(client));
        client.unpublish = through('unpublish', client.unpublish.bind(client));
        return client;
      },
      createStream: (config: Parameters<TrtcBackend['createStream']>[0]): TrtcLocalStream => {
        const stream = TRTC.createStream(config);
        if (config.userId) this.streams.set(config.userId, stream);
        stream.initialize = through('initialize', stream.initialize.bind(stream));
        return stream;
      },
    });
  }

  client(userId: string): TrtcClient {
    const client = this.clients.get(userId);
    if (!client) throw new Error(`no client for ${userId}`);
    return client;
  }

  hold(step: Step): void {
    this.#gates.set(step, gate());
  }

  /** Resolves once a held `step` has been called (and is now waiting). */
  started(step: Step): Promise<void> {
    const held = this.#gates.get(step);
    if (!held) throw new Error(`${step} is not held`);
    return withTimeout(held.started, `${step} to be called`, CALL_TIMEOUT);
  }

  release(step: Step): void {
    this.#gates.get(step)?.release();
    this.#gates.delete(step);
  }

  calls(step: Step): number {
    return this.#calls.get(step) ?? 0;
  }
}

