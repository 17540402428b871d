/**
 * What the end-to-end element flows share: real `<trtc-live-room>`s (and their children) on the
 * loopback backend, several in one page forming one live room over real WebRTC, with
 *
 * - a stage the test renders into and that tears every room down afterwards, then proves that
 *   nothing was left behind (peer connections, captured tracks, SDK listeners, timers, window
 *   listeners);
 * - a loopback namespace for the `sdk` property that records each room's client (for the fault
 *   hooks) and can hold any SDK step open until the test releases it, so races are staged
 *   deliberately rather than left to timing;
 * - a real mouse click and keyboard on the native buttons inside the shadow roots, frame counting
 *   in the video tiles, an event recorder, and a fake autoplay policy.
 */
import { expect } from '@open-wc/testing';
import { html, render, type TemplateResult } from 'lit';
import { executeServerCommand, resetMouse, sendMouse } from '@web/test-runner-commands';
import '../../../src/index.js';
import { TrtcLiveRoomElement } from '../../../src/index.js';
import type { LiveRoomElementEventMap } from '../../../src/index.js';
import { Emitter } from '../../../src/backends/emitter.js';
import type { CoAnchorState, ConnectionState } from '../../../src/room/types.js';
import { withTimeout } from '../../helpers/async.js';
import { liveCapturedTracks, openPeerConnections, watchMediaResources } from '../../helpers/leaks.js';
import { requireMediaCapture, requireVideoFrameCallback, requireWebRTC } from '../../helpers/features.js';
import { framesRendered, until } from '../../helpers/media.js';
import { trackPending, type PendingWork } from '../../helpers/pending.js';

export { html };

export const SDK_APP_ID = '1400000000';
/** The loopback accepts any signature; rooms still need one to pass validation. */
export const SIGNATURE = 'made-on-the-server';
/** How long to wait for anything media: Firefox starts ICE and frames more slowly than Chromium. */
export const MEDIA_TIMEOUT = 15000;

/** A room id no other test (or engine, or earlier run) on this origin uses. */
export function freshRoomId(prefix = 'flow'): string {
  return `${prefix}_${crypto.randomUUID().slice(0, 8)}`;
}

// ---- SDK listeners ------------------------------------------------------------------------

/** Every handler registered on a loopback client or stream, and not yet removed with off(). */
const registered = new Map<object, Map<PropertyKey, Set<unknown>>>();
let emitterPatched = false;

function countSdkListeners(): void {
  if (emitterPatched) return;
  emitterPatched = true;
  const { on, off } = Emitter.prototype;
  Emitter.prototype.on = function (this: Emitter<object>, event: never, handler: never) {
    const byEvent = registered.get(this) ?? new Map<PropertyKey, Set<unknown>>();
    registered.set(this, byEvent);
    const handlers = byEvent.get(event) ?? new Set();
    byEvent.set(event, handlers);
    handlers.add(handler);
    on.call(this, event, handler);
  };
  Emitter.prototype.off = function (this: Emitter<object>, event: never, handler: never) {
    registered.get(this)?.get(event)?.delete(handler);
    off.call(this, event, handler);
  };
}

/**
 * Handlers the rooms registered on loopback clients and streams and never took off again (a
 * destroyed client forgets its handlers, so this counts what the room itself removed).
 */
export function sdkListeners(): number {
  let count = 0;
  for (const byEvent of registered.values()) for (const handlers of byEvent.values()) count += handlers.size;
  return count;
}

// ---- the stage ----------------------------------------------------------------------------

export interface Released {
  /** Also require the elements' own window listeners gone (only once they are out of the page). */
  elementsRemoved?: boolean;
}

/**
 * A stage for every test of the calling `describe` block, which needs real media: skipped where
 * the engine lacks WebRTC, a camera or video frame callbacks; set up before and checked for
 * leaks after each test.
 */
export function mediaStage(): Stage {
  const stage = new Stage();
  before(function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    stage.install();
  });
  beforeEach(() => stage.setUp());
  afterEach(() => stage.tearDown());
  return stage;
}

/**
 * Where a test renders its rooms: two side by side within the viewport (headless browsers paint,
 * and count video frames of, what is on screen), torn down after each test.
 */
export class Stage {
  container!: HTMLElement;
  pending!: PendingWork;
  readonly #rooms = new Set<TrtcLiveRoomElement>();
  readonly #restores: (() => void)[] = [];

  /** Call in `before`. */
  install(): void {
    watchMediaResources();
    countSdkListeners();
  }

  /** Call in `beforeEach`. */
  setUp(): void {
    registered.clear();
    this.pending = trackPending();
    this.container = document.createElement('div');
    this.container.className = 'flow-stage';
    Object.assign(this.container.style, {
      position: 'absolute',
      top: '0',
      left: '0',
      width: '780px',
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'flex-start',
      gap: '8px',
    });
    this.container.style.setProperty('--trtc-tile-min-width', '120px');
    this.container.style.setProperty('--trtc-gap', '6px');
    // Each room (or group of elements) in a column of its own, so nothing overlaps what is clicked.
    this.container.append(Object.assign(document.createElement('style'), { textContent: '.flow-stage > * { flex: 0 0 384px; }' }));
    document.body.append(this.container);
  }

  /** Renders `template` into the stage and remembers every room in it. */
  mount(template: TemplateResult): void {
    render(template, this.container);
    this.adopt();
  }

  /** Renders `template` into a new column of the stage (beside what is there) and returns that column. */
  add(template: TemplateResult): HTMLElement {
    const column = document.createElement('div');
    this.container.append(column);
    render(template, column);
    this.adopt();
    return column;
  }

  /** Remembers the rooms now in the stage (call after adding some by hand). */
  adopt(): void {
    for (const element of this.container.querySelectorAll('*')) {
      if (element instanceof TrtcLiveRoomElement) this.#rooms.add(element);
    }
  }

  room(id: string): TrtcLiveRoomElement {
    const element = this.container.querySelector(`#${id}`);
    if (!(element instanceof TrtcLiveRoomElement)) throw new Error(`no room #${id} on the stage`);
    return element;
  }

  /** Runs `restore` at tear-down, before the checks (for patched browser APIs). */
  onTearDown(restore: () => void): void {
    this.#restores.push(restore);
  }

  /** Call in `afterEach`: removes everything, then proves nothing was left behind. */
  async tearDown(): Promise<void> {
    try {
      for (const restore of this.#restores.splice(0).reverse()) restore();
      await resetMouse();
      this.adopt();
      this.container.remove();
      // Removing a room leaves; leave() again waits for that, whatever the room was doing.
      await Promise.all([...this.#rooms].map((element) => element.leave()));
      this.#rooms.clear();
      await expectReleased(this.pending, { elementsRemoved: true });
    } finally {
      this.pending.stop();
    }
  }
}

/** Waits until everything a room can hold is released, failing with what is still held. */
export async function expectReleased(pending: PendingWork, { elementsRemoved = false }: Released = {}): Promise<void> {
  await until(() => openPeerConnections().length === 0, 'every peer connection to close', MEDIA_TIMEOUT);
  await until(() => liveCapturedTracks().length === 0, 'every captured camera and microphone track to end');
  expect(sdkListeners(), 'SDK listeners left on clients and streams').to.equal(0);
  // Heartbeats and deadlines of clients that left would reschedule forever: wait for the rest.
  // (The test runner's own command timeouts are cleared through a reference it saved earlier.)
  const scheduled = () => pending.timerSources().filter((stack) => !stack.includes('__web-dev-server'));
  try {
    await until(() => scheduled().length === 0, 'every timer to fire or be cleared', 5000);
  } catch (error) {
    throw new Error(`${(error as Error).message}; still scheduled from:\n${scheduled().join('\n---\n')}`);
  }
  expect(pending.windowListeners('pagehide'), 'pagehide listeners of the SDK left').to.equal(0);
  expect(pending.windowListeners('pageshow'), 'pageshow listeners of the SDK left').to.equal(0);
  if (elementsRemoved) {
    expect(pending.windowListeners('languagechange'), 'languagechange listeners of removed elements').to.equal(0);
  }
}

// ---- looking at the elements --------------------------------------------------------------

export function part(element: Element, name: string): HTMLElement | null {
  return element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

/** The room's `role="status"` line, and whether a user can see it. */
export function statusOf(room: TrtcLiveRoomElement): { text: string; visible: boolean } {
  const status = room.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;
  return { text: status.textContent ?? '', visible: status.checkVisibility() && status.getBoundingClientRect().width > 1 };
}

/** The native `<button>` inside a `<trtc-co-anchor-button>`. */
export function nativeButton(host: Element): HTMLButtonElement {
  const button = host.shadowRoot?.querySelector<HTMLButtonElement>('button[part~="button"]');
  if (!button) throw new Error('no native button rendered');
  return button;
}

/** The `<video>` the SDK put in a tile's `video` part, if any. */
export function videoIn(tile: Element): HTMLVideoElement | null {
  return tile.shadowRoot?.querySelector<HTMLVideoElement>('[part~="video"] video') ?? null;
}

/** Waits until `tile` shows a video and new frames are painted in it. */
export async function expectFrames(tile: Element & { active: boolean }, what: string): Promise<HTMLVideoElement> {
  await until(() => tile.active && videoIn(tile) !== null, `${what}: a video in the tile`, MEDIA_TIMEOUT);
  const video = videoIn(tile)!;
  await withTimeout(framesRendered(video, 3), `${what}: frames`, MEDIA_TIMEOUT);
  expect(video.videoWidth, `${what}: decoded pixels`).to.be.greaterThan(0);
  return video;
}

/** Tracks playing in `video`. */
export function tracksOf(video: HTMLVideoElement | null): MediaStreamTrack[] {
  return (video?.srcObject as MediaStream | null)?.getTracks() ?? [];
}

export function reaches(room: TrtcLiveRoomElement, state: ConnectionState, what = room.id || 'the room'): Promise<void> {
  return until(() => room.getAttribute('connection-state') === state, `${what} to be ${state}`, MEDIA_TIMEOUT);
}

/** Waits for the room's reflected `co-anchor-state`; `what` names the wait in a timeout. */
export function reachesCoAnchor(room: TrtcLiveRoomElement, state: CoAnchorState, what: string): Promise<void> {
  return until(() => room.getAttribute('co-anchor-state') === state, what, MEDIA_TIMEOUT);
}

/** A real, trusted mouse click in the middle of `element`, as a user's. */
export async function click(element: HTMLElement): Promise<void> {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  const rect = element.getBoundingClientRect();
  expect(rect.width * rect.height, 'something to click on').to.be.greaterThan(0);
  await sendMouse({ type: 'move', position: [0, 0] });
  await sendMouse({ type: 'click', position: [Math.round(rect.x + rect.width / 2), Math.round(rect.y + rect.height / 2)] });
}

/**
 * A person's double click in the middle of `element`: a real click, and `gap` ms after it a
 * second one with `detail` 2 (scripts/pointer-commands.mjs). Chromium gets the second as real
 * input too; where the driver cannot count it (Firefox, WebKit) the page is given the click event
 * a double click delivers, at the same point.
 */
export async function doubleClick(element: HTMLElement, gap: number): Promise<void> {
  await click(element);
  const firstAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstAt + gap - performance.now())));
  // Aimed where the button is now: the first click may have moved it (a preview tile appearing
  // above it), and a click beside it would test nothing.
  const rect = element.getBoundingClientRect();
  const [x, y] = [Math.round(rect.x + rect.width / 2), Math.round(rect.y + rect.height / 2)];
  const counted = await executeServerCommand<boolean, { position: number[]; clickCount: number }>('counted-click', {
    position: [x, y],
    clickCount: 2,
  });
  if (counted) return;
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, detail: 2, clientX: x, clientY: y, view: window }));
}

/** The `detail` of every click `element` receives from now on (0 from the keyboard, n for the n-th of a multi-click). */
export function clickDetails(element: HTMLElement): number[] {
  const details: number[] = [];
  element.addEventListener('click', (event) => details.push(event.detail));
  return details;
}

/** What `read()` said at each click `element` receives from now on, before the element handles it. */
export function atEachClick<T>(element: HTMLElement, read: () => T): T[] {
  const seen: T[] = [];
  element.addEventListener('click', () => seen.push(read()), { capture: true });
  return seen;
}

/** Lets pending tasks and a rendering step run, before asserting that something did NOT happen. */
export async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

type RoomEventType = keyof LiveRoomElementEventMap;

/** Every room event `target` dispatched since it was made, in order. */
export class EventRecord {
  readonly events: { type: RoomEventType; detail: unknown }[] = [];
  readonly #target: EventTarget;
  readonly #types: readonly RoomEventType[];
  readonly #listener = (event: Event) =>
    this.events.push({ type: event.type as RoomEventType, detail: (event as CustomEvent).detail });

  constructor(target: EventTarget, types: readonly RoomEventType[] = EVENT_TYPES) {
    this.#target = target;
    this.#types = types;
    for (const type of types) target.addEventListener(type, this.#listener);
  }

  of<K extends RoomEventType>(type: K): LiveRoomElementEventMap[K]['detail'][] {
    return this.events.filter((event) => event.type === type).map((event) => event.detail as LiveRoomElementEventMap[K]['detail']);
  }

  /** Event types in order, without state changes. */
  trace(): string[] {
    return this.events.filter((event) => event.type !== 'trtc-state-change').map((event) => event.type);
  }

  stop(): void {
    for (const type of this.#types) this.#target.removeEventListener(type, this.#listener);
  }
}

const EVENT_TYPES: readonly RoomEventType[] = [
  'trtc-state-change',
  'trtc-joined',
  'trtc-left',
  'trtc-stream-added',
  'trtc-stream-removed',
  'trtc-co-anchor-change',
  'trtc-kicked',
  'trtc-autoplay-blocked',
  'trtc-error',
];

/**
 * axe on `element` once its transitions have run (a button fading from its disabled colours is
 * checked in its new colours, not half-way), crossing every shadow root inside.
 */
export async function expectAccessible(element: Element): Promise<void> {
  const roots: (Document | ShadowRoot)[] = [document];
  const visit = (node: Element) => {
    if (node.shadowRoot) {
      roots.push(node.shadowRoot);
      for (const inner of node.shadowRoot.querySelectorAll('*')) visit(inner);
    }
  };
  visit(element);
  for (const inner of element.querySelectorAll('*')) visit(inner);
  // Only what ends: a busy indicator pulses for as long as it is busy.
  const running = roots
    .flatMap((root) => root.getAnimations())
    .filter((animation) => animation.playState === 'running' && animation.effect?.getComputedTiming().endTime !== Infinity);
  await Promise.all(running.map((animation) => animation.finished.catch(() => undefined)));
  await expect(element).to.be.accessible();
}

// ---- browser policies, faked in the page --------------------------------------------------

/**
 * An autoplay policy like the browsers' own: `play()` of an unmuted media element is refused
 * (NotAllowedError) until the user has clicked or pressed a key in the page (a trusted event).
 * Muted video still plays, as it does in real browsers.
 */
export function blockUnmutedAutoplayUntilGesture(stage: Stage): { refused: () => number } {
  let activated = false;
  let refused = 0;
  const onGesture = (event: Event) => {
    if (event.isTrusted) activated = true;
  };
  document.addEventListener('click', onGesture, true);
  document.addEventListener('keydown', onGesture, true);
  const nativePlay = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    if (!this.muted && !activated) {
      refused += 1;
      return Promise.reject(new DOMException("play() failed because the user didn't interact with the document first.", 'NotAllowedError'));
    }
    return nativePlay.call(this);
  };
  stage.onTearDown(() => {
    HTMLMediaElement.prototype.play = nativePlay;
    document.removeEventListener('click', onGesture, true);
    document.removeEventListener('keydown', onGesture, true);
  });
  return { refused: () => refused };
}

/**
 * The camera and microphone refuse, as a browser does when the user blocks them or has none:
 * `getUserMedia()` rejects with a DOMException named `name`. Calls are counted.
 */
export function refuseCapture(stage: Stage, name: 'NotAllowedError' | 'NotFoundError'): { calls: () => number; allow(): void } {
  let calls = 0;
  const mediaDevices = navigator.mediaDevices;
  const refuse = () => {
    calls += 1;
    return Promise.reject(new DOMException(name === 'NotAllowedError' ? 'Permission denied' : 'Requested device not found', name));
  };
  Object.defineProperty(mediaDevices, 'getUserMedia', { configurable: true, writable: true, value: refuse });
  const allow = () => {
    // The prototype's (counted by watchMediaResources) answers again.
    delete (mediaDevices as { getUserMedia?: unknown }).getUserMedia;
  };
  stage.onTearDown(allow);
  return { calls: () => calls, allow };
}

/** Counts `getUserMedia()` calls while still capturing. */
export function countCaptures(stage: Stage): () => number {
  let calls = 0;
  const mediaDevices = navigator.mediaDevices;
  const native = MediaDevices.prototype.getUserMedia;
  Object.defineProperty(mediaDevices, 'getUserMedia', {
    configurable: true,
    writable: true,
    value: (constraints?: MediaStreamConstraints) => {
      calls += 1;
      return native.call(mediaDevices, constraints);
    },
  });
  stage.onTearDown(() => delete (mediaDevices as { getUserMedia?: unknown }).getUserMedia);
  return () => calls;
}
