/**
 * A model-based test of the room: random sequences of what a page, a viewer and the network do
 * (join, leave, a room change, co-anchoring, clicks and double clicks on the button, the room
 * removed or moved, SDK steps held open and released later, kicks, lost connections, remote
 * streams), run on a real `<trtc-live-room>` over the scripted backend. After every step the
 * state must be one the model allows; after a final leave nothing may be left.
 *
 * A failure prints its seed and path; `node scripts/model-replay.mjs --seed S --path P` replays
 * it, `--runs N` runs longer.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import fc from 'fast-check';
import '../../src/index.js';
import type { TrtcCoAnchorButtonElement, TrtcLiveRoomElement } from '../../src/index.js';
import type { CoAnchorState, ConnectionState, LiveRoomEvent, LiveRoomState } from '../../src/room/types.js';
import { requireMediaCapture } from '../helpers/features.js';
import { liveCapturedTracks, watchMediaResources } from '../helpers/leaks.js';
import { trackPending, type PendingWork } from '../helpers/pending.js';
import { ScriptedBackend, ScriptedRemoteStream, TrtcCodedError, type Step } from './scripted-backend.js';

interface ModelSettings {
  seed: number | null;
  path: string | null;
  runs: number | null;
}

const RUNS = 100;

/** Steps the room must wait for, whoever asked: the network answers them in the end. */
const NETWORK_STEPS: readonly Step[] = ['join', 'leave', 'switchRole', 'publish', 'unpublish'];
/** Steps a test may hold open: the network's, the camera prompt and a subscription. */
const HELD_STEPS: readonly Step[] = [...NETWORK_STEPS, 'initialize', 'subscribe'];

const CONNECTION_MOVES: Record<ConnectionState, readonly ConnectionState[]> = {
  idle: ['joining'],
  joining: ['joined', 'failed', 'leaving', 'left'],
  joined: ['reconnecting', 'leaving', 'failed'],
  reconnecting: ['joined', 'leaving', 'failed'],
  leaving: ['left'],
  left: ['joining'],
  failed: ['joining', 'left'],
};

const CO_ANCHOR_MOVES: Record<CoAnchorState, readonly CoAnchorState[]> = {
  idle: ['previewing', 'requesting', 'starting'],
  // A preview asks, goes live from the very stream, or closes; a denied request returns to it.
  previewing: ['idle', 'requesting', 'starting'],
  requesting: ['idle', 'previewing', 'starting'],
  starting: ['live', 'idle', 'stopping'],
  live: ['stopping', 'idle'],
  stopping: ['idle'],
};

const OUTSIDE: ReadonlySet<ConnectionState> = new Set(['idle', 'left', 'failed']);

/** What the model knows: whether the page last asked to be in the room, and where the room element is. */
interface Model {
  wantIn: boolean;
  inPage: boolean;
  /** Whether the page opened a preview since it last left (a preview outlives joining, not leaving). */
  previewAsked: boolean;
}

/**
 * Co-anchor states in which the camera and mic may be open: a preview (also while it asks the host
 * from it), and on the way to, on and off the stage.
 */
const CAPTURING: ReadonlySet<CoAnchorState> = new Set(['previewing', 'requesting', 'starting', 'live', 'stopping']);

/** Why a snapshot is not one the room may be in; empty if it may. */
function stateFault(state: LiveRoomState): string {
  const { connectionState: connection, coAnchorState: coAnchor, localStream } = state;
  if ((coAnchor === 'starting' || coAnchor === 'live') && connection !== 'joined' && connection !== 'reconnecting') {
    return `co-anchor ${coAnchor} while ${connection}`;
  }
  // A preview is a check of camera and mic: it may be open before joining, and outlives a join.
  const offStage = coAnchor === 'idle' || coAnchor === 'previewing';
  if (!offStage && (OUTSIDE.has(connection) || connection === 'joining')) return `co-anchor ${coAnchor} while ${connection}`;
  if (localStream && !CAPTURING.has(coAnchor)) return `a local stream while co-anchor ${coAnchor}`;
  if (localStream?.published && coAnchor !== 'live' && coAnchor !== 'stopping') return `published while co-anchor ${coAnchor}`;
  if (OUTSIDE.has(connection) && state.remoteStreams.length > 0) return `remote streams while ${connection}`;
  if (OUTSIDE.has(connection) && localStream && coAnchor !== 'previewing') return `a local stream while ${connection}`;
  if (connection === 'failed' && !state.error) return 'failed without an error';
  return '';
}

/** Whether two snapshots say the same, field by field and stream by stream. */
function sameState(a: LiveRoomState, b: LiveRoomState): boolean {
  const keys = Object.keys(a) as (keyof LiveRoomState)[];
  const sameStreams =
    a.remoteStreams.length === b.remoteStreams.length && a.remoteStreams.every((stream, index) => stream === b.remoteStreams[index]);
  return sameStreams && keys.every((key) => key === 'remoteStreams' || Object.is(a[key], b[key]));
}

function settleOnce(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** One room element on the scripted backend, with everything it said recorded. */
class Subject {
  readonly backend = new ScriptedBackend();
  readonly element: TrtcLiveRoomElement;
  readonly button: TrtcCoAnchorButtonElement;
  readonly stage: HTMLElement;
  readonly states: LiveRoomState[] = [];
  readonly events: LiveRoomEvent[] = [];
  /** States and events in the order the room gave them. */
  readonly #timeline: ({ state: LiveRoomState } | { event: LiveRoomEvent })[] = [];
  readonly remotes: ScriptedRemoteStream[] = [];
  readonly approvals: ((approved: boolean) => void)[] = [];
  #checkedStates = 0;
  #previous: LiveRoomState;
  #rooms = 0;
  #remoteCount = 0;

  constructor(stage: HTMLElement) {
    this.stage = stage;
    this.element = document.createElement('trtc-live-room');
    Object.assign(this.element, {
      manual: true,
      sdk: this.backend,
      sdkAppId: '1400000000',
      roomId: 'room_0',
      userId: 'viewer_42',
      userSig: 'made-on-the-server',
    });
    this.button = document.createElement('trtc-co-anchor-button');
    this.element.append(this.button, document.createElement('trtc-local-stream'), document.createElement('trtc-remote-stream'));
    stage.append(this.element);
    this.#previous = this.element.state;
    this.element.controller.subscribe((state) => {
      this.states.push(state);
      this.#timeline.push({ state });
    });
    this.element.controller.listen((event) => {
      this.events.push(event);
      this.#timeline.push({ event });
    });
  }

  get state(): LiveRoomState {
    return this.element.state;
  }

  nextRoomId(): string {
    this.#rooms += 1;
    return `room_${this.#rooms}`;
  }

  nextRemote(): ScriptedRemoteStream {
    this.#remoteCount += 1;
    const stream = new ScriptedRemoteStream(`host_${this.#remoteCount}`);
    this.remotes.push(stream);
    return stream;
  }

  /** The client of the latest join, if any. */
  get client() {
    return this.backend.clients.at(-1);
  }

  click(detail: number): void {
    const native = this.button.shadowRoot?.querySelector('button');
    native?.dispatchEvent(new MouseEvent('click', { detail, bubbles: true, composed: true }));
  }

  /** Runs what is due, and waits for the camera captures under way to be answered. */
  async settle(): Promise<void> {
    do await settleOnce();
    while (this.backend.capturing > 0);
    await settleOnce();
  }

  /** Whether the room may still be waiting, legitimately, on the network. */
  blockedOnNetwork(): boolean {
    return NETWORK_STEPS.some((step) => this.backend.waiting(step) > 0);
  }

  /** Whether nothing is held at all: every step would run to its end. */
  free(): boolean {
    return HELD_STEPS.every((step) => !this.backend.holding(step)) && this.approvals.length === 0;
  }

  /** The co-anchor actions (going on stage, asking to, leaving it) started since event `from`. */
  coAnchorActionsSince(from: number): number {
    return this.events
      .slice(from)
      .filter(
        (event) =>
          event.type === 'trtc-co-anchor-change' &&
          ((event.detail.previousState === 'idle' && event.detail.state !== 'idle') ||
            (event.detail.previousState === 'live' && event.detail.state === 'stopping')),
      ).length;
  }

  /** Every check that holds after any step. */
  check(model: Model): void {
    for (const state of this.states.slice(this.#checkedStates)) {
      const fault = stateFault(state);
      expect(fault, `state ${JSON.stringify(state)}`).to.equal('');
      const from = this.#previous;
      expect(sameState(from, state), `a change that changes nothing: ${JSON.stringify(state)}`).to.equal(false);
      if (state.connectionState !== from.connectionState) {
        expect(CONNECTION_MOVES[from.connectionState], `connection ${from.connectionState} → ${state.connectionState}`).to.include(
          state.connectionState,
        );
      }
      if (state.coAnchorState !== from.coAnchorState) {
        expect(CO_ANCHOR_MOVES[from.coAnchorState], `co-anchor ${from.coAnchorState} → ${state.coAnchorState}`).to.include(state.coAnchorState);
      }
      this.#previous = state;
    }
    this.#checkedStates = this.states.length;
    this.#checkEvents();

    const { state } = this;
    const tracks = liveCapturedTracks();
    expect(tracks.length, 'live camera and mic tracks').to.be.at.most(2);
    if (tracks.length > 0) expect(state.localStream, 'a live camera or mic shows as the local stream').to.not.equal(null);
    for (const client of this.backend.clients.slice(0, -1)) expect(client.events.count, 'listeners on a client of an earlier join').to.equal(0);

    if (!model.wantIn && !model.previewAsked && !this.blockedOnNetwork()) {
      // Left (or never in): whatever the viewer or a host has not answered yet does not hold it up.
      expect(OUTSIDE.has(state.connectionState), `connection ${state.connectionState} after leaving`).to.equal(true);
      expect(state.coAnchorState, 'co-anchor state after leaving').to.equal('idle');
      expect(tracks, 'live tracks after leaving').to.have.length(0);
      for (const client of this.backend.clients) expect(client.events.count, 'listeners on a client after leaving').to.equal(0);
      for (const stream of this.remotes) expect(stream.events.count, 'listeners on a remote stream after leaving').to.equal(0);
    }
    if (this.free()) {
      // With nothing held, nothing is half done: no spinner stays.
      expect(['joining', 'leaving'], 'connection with nothing held').to.not.include(state.connectionState);
      expect(['requesting', 'starting', 'stopping'], 'co-anchor with nothing held').to.not.include(state.coAnchorState);
    }
  }

  /** The events agree with each other and with the states between them. */
  #checkEvents(): void {
    let coAnchor: CoAnchorState = 'idle';
    let inRoom = false;
    const streams = new Set<string>();
    for (const entry of this.#timeline) {
      if ('state' in entry) {
        // A room that failed (kicked, cut off) ends without trtc-left.
        if (entry.state.connectionState === 'failed') inRoom = false;
        continue;
      }
      const { event } = entry;
      if (event.type === 'trtc-co-anchor-change') {
        expect(event.detail.previousState, 'trtc-co-anchor-change previousState').to.equal(coAnchor);
        coAnchor = event.detail.state;
      } else if (event.type === 'trtc-joined') {
        expect(inRoom, 'trtc-joined twice without trtc-left').to.equal(false);
        inRoom = true;
      } else if (event.type === 'trtc-left') {
        expect(inRoom, 'trtc-left without trtc-joined').to.equal(true);
        inRoom = false;
      } else if (event.type === 'trtc-stream-added') {
        expect(streams.has(event.detail.key), `${event.detail.key} added twice`).to.equal(false);
        streams.add(event.detail.key);
      } else if (event.type === 'trtc-stream-removed') {
        expect(streams.delete(event.detail.key), `${event.detail.key} removed without being added`).to.equal(true);
      }
    }
    expect(coAnchor, 'the last trtc-co-anchor-change is the state').to.equal(this.state.coAnchorState);
    expect([...streams], 'streams announced and not removed').to.have.members(this.state.remoteStreams.map((stream) => stream.key));
  }

  /** Ends the run: answers and releases everything, leaves, and proves nothing is left. */
  async finish(pending: PendingWork): Promise<void> {
    for (const answer of this.approvals.splice(0)) answer(false);
    for (const step of HELD_STEPS) this.backend.release(step);
    await this.element.leave();
    await this.settle();
    this.check({ wantIn: false, inPage: this.element.isConnected, previewAsked: false });
    expect(this.state.localStream, 'no local stream after the final leave').to.equal(null);
    for (const stream of this.backend.streams) expect(stream.closed || !stream.media, 'every camera stream closed').to.equal(true);
    for (const client of this.backend.clients) {
      expect(client.joinedRoom, 'every client left its room').to.equal(null);
      expect(client.destroyed, 'every client destroyed').to.equal(true);
    }
    expect(
      pending.timerSources().filter((stack) => !stack.includes('__web-dev-server')),
      'timers left',
    ).to.have.length(0);
  }

  remove(): void {
    this.element.remove();
  }
}

type Command = fc.AsyncCommand<Model, Subject>;

/** A command from a name, a precondition and what it does to the model and the room. */
function command(
  name: string,
  run: (model: Model, subject: Subject) => void | Promise<void>,
  check: (model: Model) => boolean = () => true,
): Command {
  return {
    check,
    async run(model, subject) {
      await run(model, subject);
      await subject.settle();
      subject.check(model);
    },
    toString: () => name,
  };
}

/** How often a command comes, relative to the others (1 unless said). */
function often(arbitrary: fc.Arbitrary<Command>, weight = 3): fc.WeightedArbitrary<Command> {
  return { arbitrary, weight };
}

const commands: (fc.Arbitrary<Command> | fc.WeightedArbitrary<Command>)[] = [
  often(
    fc.constant(
      command('join', (model, subject) => {
        model.wantIn = true;
        void subject.element.join();
      }),
    ),
  ),
  often(
    fc.constant(
      command('leave', (model, subject) => {
        model.wantIn = false;
        model.previewAsked = false;
        void subject.element.leave();
      }),
    ),
  ),
  fc.boolean().map((valid) =>
    command(valid ? 'change room' : 'change to an invalid room', async (_model, subject) => {
      subject.element.roomId = valid ? subject.nextRoomId() : 'room/invalid';
      await subject.element.updateComplete;
    }),
  ),
  fc.boolean().map((anchor) =>
    command(anchor ? 'be an anchor publishing at once (joins again if in the room)' : 'be audience (joins again if in the room)', async (_model, subject) => {
      Object.assign(subject.element, { userRole: anchor ? 'anchor' : 'audience', autoPublish: anchor });
      await subject.element.updateComplete;
    }),
  ),
  often(fc.constant(command('startCoAnchor', (_model, subject) => void subject.element.startCoAnchor()))),
  fc.constant(command('stopCoAnchor', (_model, subject) => void subject.element.stopCoAnchor())),
  fc.constant(
    command('startPreview', (model, subject) => {
      model.previewAsked = true;
      void subject.element.startPreview();
    }),
  ),
  fc.constant(command('stopPreview', (_model, subject) => void subject.element.stopPreview())),
  fc.boolean().map((enabled) =>
    command(`microphone ${enabled ? 'on' : 'off'}`, (_model, subject) => void subject.element.setMicrophoneEnabled(enabled)),
  ),
  fc.boolean().map((enabled) => command(`camera ${enabled ? 'on' : 'off'}`, (_model, subject) => void subject.element.setCameraEnabled(enabled))),
  often(fc.constant(command('click', (_model, subject) => subject.click(1)))),
  fc.boolean().map((settled) =>
    command(`double click (${settled ? 'second click after the first settled' : 'one task'})`, async (_model, subject) => {
      const from = subject.events.length;
      subject.click(1);
      if (settled) await subject.settle();
      subject.click(2);
      await subject.settle();
      expect(subject.coAnchorActionsSince(from), 'co-anchor actions of one double click').to.be.at.most(1);
    }),
  ),
  fc.constant(
    command(
      'remove the room',
      (model, subject) => {
        model.wantIn = false;
        model.inPage = false;
        model.previewAsked = false;
        subject.remove();
      },
      (model) => model.inPage,
    ),
  ),
  fc.constant(
    command(
      'insert the room again',
      (model, subject) => {
        model.inPage = true;
        subject.stage.append(subject.element);
      },
      (model) => !model.inPage,
    ),
  ),
  fc.constant(
    command(
      'move the room within the page',
      (_model, subject) => {
        subject.element.remove();
        subject.stage.prepend(subject.element);
      },
      (model) => model.inPage,
    ),
  ),
  // One command per step, so that holding any one of them is as likely as any other command.
  ...HELD_STEPS.map((step) => fc.constant(command(`hold ${step}`, (_model, subject) => subject.backend.hold(step)))),
  ...HELD_STEPS.map((step) => fc.constant(command(`release ${step}`, (_model, subject) => subject.backend.release(step)))),
  fc.constant(
    command('ask a host first (the approval stays pending until answered)', (_model, subject) => {
      subject.element.approveCoAnchor = () => new Promise<boolean>((resolve) => subject.approvals.push(resolve));
    }),
  ),
  fc.constant(command('go on stage without asking', (_model, subject) => (subject.element.approveCoAnchor = undefined))),
  fc.boolean().map((approved) =>
    command(`the host answers ${approved ? 'yes' : 'no'}`, (_model, subject) => {
      for (const answer of subject.approvals.splice(0)) answer(approved);
    }),
  ),
  often(
    fc.constant(
      command('kicked', (_model, subject) =>
        subject.client?.events.emit('client-banned', {
          reason: 'kick',
          message: 'same user joined elsewhere',
        }),
      ),
    ),
  ),
  often(
    fc.constant(
      command('connection lost', (_model, subject) => subject.client?.events.emit('error', new TrtcCodedError('reconnection failed', 0x4006))),
    ),
  ),
  fc
    .boolean()
    .map((lost) =>
      command(lost ? 'reconnecting' : 'reconnected', (_model, subject) =>
        subject.client?.events.emit(
          'connection-state-changed',
          lost ? { prevState: 'CONNECTED', state: 'RECONNECTING' } : { prevState: 'RECONNECTING', state: 'CONNECTED' },
        ),
      ),
    ),
  fc.constant(command('a remote stream comes', (_model, subject) => subject.client?.addRemote(subject.nextRemote()))),
  fc.nat().map((index) =>
    command(`a remote stream goes (#${index})`, (_model, subject) => {
      const stream = subject.remotes[index % Math.max(1, subject.remotes.length)];
      if (stream) subject.client?.events.emit('stream-removed', { stream });
    }),
  ),
  fc.nat().map((index) =>
    command(`a remote user mutes (#${index})`, (_model, subject) => {
      const stream = subject.remotes[index % Math.max(1, subject.remotes.length)];
      if (stream)
        subject.client?.events.emit('mute-audio', {
          userId: stream.getUserId(),
        });
    }),
  ),
];

describe('the room against its model (random sequences)', function () {
  this.timeout(300000);
  let settings: ModelSettings;

  before(async function () {
    requireMediaCapture(this);
    watchMediaResources();
    settings = (await executeServerCommand<ModelSettings, undefined>('model-settings')) ?? { seed: null, path: null, runs: null };
  });

  it('stays in a state the model allows after every step, and leaves nothing after a final leave', async () => {
    const stage = document.createElement('div');
    document.body.append(stage);
    const weighted = commands.map((entry) => ('arbitrary' in entry ? entry : { arbitrary: entry, weight: 1 }));
    // Sequences up to 30 steps long: a race needs several steps in the right order.
    const sequences = fc.commands([fc.oneof(...weighted)], {
      maxCommands: 30,
      size: 'max',
    });
    const property = fc.asyncProperty(sequences, async (sequence) => {
      const pending = trackPending();
      const subject = new Subject(stage);
      try {
        await fc.asyncModelRun(() => ({ model: { wantIn: false, inPage: true, previewAsked: false }, real: subject }), sequence);
        await subject.finish(pending);
      } finally {
        pending.stop();
        for (const answer of subject.approvals.splice(0)) answer(false);
        for (const step of HELD_STEPS) subject.backend.release(step);
        subject.remove();
        await subject.element.controller.dispose();
      }
    });
    const replay =
      settings.seed === null
        ? {}
        : {
            seed: settings.seed,
            path: settings.path ?? undefined,
            endOnFailure: true,
          };
    const details = await fc.check(property, {
      numRuns: settings.runs ?? RUNS,
      ...replay,
    });
    stage.remove();
    if (details.failed) {
      const how = `node scripts/model-replay.mjs --seed ${details.seed} --path "${details.counterexamplePath}"`;
      const steps = details.counterexample ? String(details.counterexample[0]) : '(none)';
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(
        `The room left its model (seed ${details.seed}, path "${details.counterexamplePath}"; replay: ${how}).\nSteps: ${steps}\n${cause}`,
      );
    }
  });
});
