/**
 * What the Vue and Angular integration tests share: fresh loopback rooms, the loopback backend
 * namespace bound as an object property, and waiting on a room's state.
 */
import TRTC from '../../src/backends/loopback/index.js';
import type { TrtcLiveRoomElement } from '../../src/index.js';
import type { ConnectionState, LiveRoomErrorDetail, LiveRoomState } from '../../src/room/types.js';
import { until } from '../helpers/media.js';

/** The loopback namespace, handed to rooms through the `sdk` property (an object binding). */
export const loopbackSdk = TRTC;

export const SDK_APP_ID = '1400000000';

/** A room id no other test (or engine, or earlier run) on this origin uses. */
export function freshRoomId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().slice(0, 8)}`;
}

export function room(root: ParentNode, selector: string): TrtcLiveRoomElement {
  const element = root.querySelector(selector);
  if (!element) throw new Error(`no ${selector} rendered`);
  return element as TrtcLiveRoomElement;
}

export function reachesState(element: TrtcLiveRoomElement, state: ConnectionState, what: string): Promise<void> {
  return until(() => element.state.connectionState === state, `${what} to be ${state}`, 15000);
}

/** Records the `trtc-state-change` and `trtc-error` events a framework handed to its listeners. */
export class RoomEvents {
  readonly states: LiveRoomState[] = [];
  readonly errors: LiveRoomErrorDetail[] = [];

  onStateChange = (event: CustomEvent<LiveRoomState>): void => {
    this.states.push(event.detail);
  };

  onError = (event: CustomEvent<LiveRoomErrorDetail>): void => {
    this.errors.push(event.detail);
  };

  connectionStates(): ConnectionState[] {
    return this.states.map((state) => state.connectionState);
  }
}

/** Lets pending tasks and a rendering step run, before asserting that something did NOT happen. */
export async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
}
