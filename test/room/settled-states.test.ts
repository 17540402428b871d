/**
 * What the model-based test (model.test.ts) found, each pinned down on its own: the states a room
 * passes through while steps are pending and the room ends (a leave, a kick, a lost connection),
 * and what such a room leaves behind.
 */
import { expect } from '@open-wc/testing';
import { LiveRoomController } from '../../src/room/live-room-controller.js';
import type { LiveRoomConfig, LiveRoomEvent, LiveRoomState } from '../../src/room/types.js';
import { requireMediaCapture } from '../helpers/features.js';
import { liveCapturedTracks, watchMediaResources } from '../helpers/leaks.js';
import { until } from '../helpers/media.js';
import { ScriptedBackend, TrtcCodedError } from './scripted-backend.js';

const VALID: LiveRoomConfig = {
  sdkAppId: '1400000000',
  roomId: '8888',
  userId: 'viewer_42',
  userSig: 'made-on-the-server',
  role: 'audience',
};

describe('LiveRoomController: the states a room passes through', () => {
  let backend: ScriptedBackend;
  let controller: LiveRoomController;
  let states: LiveRoomState[];
  let events: LiveRoomEvent[];

  before(function () {
    requireMediaCapture(this);
    watchMediaResources();
  });

  beforeEach(async () => {
    backend = new ScriptedBackend();
    controller = new LiveRoomController({ sdk: backend });
    controller.configure(VALID);
    await controller.join();
    states = [];
    events = [];
    controller.subscribe((state) => states.push(state));
    controller.listen((event) => events.push(event));
  });

  afterEach(async () => {
    for (const step of ['join', 'leave', 'switchRole', 'initialize', 'publish', 'unpublish'] as const) backend.release(step);
    await controller.dispose();
    expect(liveCapturedTracks(), 'no camera or mic left on').to.have.length(0);
    for (const client of backend.clients) {
      expect(client.events.count, 'no SDK listener left attached').to.equal(0);
      expect(client.destroyed, 'every client destroyed').to.equal(true);
    }
  });

  it('goes live in one step: the stream is never published while the state still says starting', async () => {
    await controller.startCoAnchor();
    const published = states.filter((state) => state.localStream?.published);
    expect(published.length).to.be.greaterThan(0);
    expect(published.map((state) => state.coAnchorState)).to.not.include('starting');
  });

  it('leaves the stage as it starts leaving the room: no snapshot says live while leaving', async () => {
    await controller.startCoAnchor();
    await controller.leave();
    const leaving = states.filter((state) => state.connectionState === 'leaving');
    expect(leaving.length).to.be.greaterThan(0);
    expect(leaving.map((state) => state.coAnchorState)).to.not.include('live');
  });

  it('kicked while the join is pending: the client leaves the room the late join entered, and is destroyed', async () => {
    backend.hold('join');
    controller.configure({ ...VALID, roomId: '9999' });
    await until(() => backend.waiting('join') === 1, 'the new join to reach the backend');
    const client = backend.client;
    client.events.emit('client-banned', { reason: 'kick', message: 'same user joined elsewhere' });
    expect(controller.state.connectionState).to.equal('failed');
    backend.release('join');
    await until(() => client.calls.includes('join') && backend.waiting('join') === 0, 'the join to complete');
    // What the late join answers runs in promise callbacks: one task later it has all run.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(client.joinedRoom, 'the room the late join entered is left').to.equal(null);
    expect(client.destroyed, 'the client destroyed').to.equal(true);
    expect(controller.state.connectionState).to.equal('failed');
  });

  it('a leave is two changes, leaving and then left, when nothing else changes', async () => {
    await controller.leave();
    expect(states.map((state) => state.connectionState).join()).to.equal('leaving,left');
  });

  for (const [ending, end] of [
    ['kicked', (b: ScriptedBackend) => b.client.events.emit('client-banned', { reason: 'kick', message: 'same user joined elsewhere' })],
    ['cut off', (b: ScriptedBackend) => b.client.events.emit('error', new TrtcCodedError('reconnection failed', 0x4006))],
  ] as const) {
    it(`${ending} while leaving: the leave goes on to left, with no failure in between`, async () => {
      backend.hold('leave');
      const leaving = controller.leave();
      await until(() => backend.waiting('leave') === 1, 'the leave to reach the backend');
      end(backend);
      backend.release('leave');
      await leaving;
      // The device lists may fill meanwhile (a change of its own); the connection goes straight to left.
      const connectionStates = states.map((state) => state.connectionState).filter((state, index, all) => state !== all[index - 1]);
      expect(connectionStates.join()).to.equal('leaving,left');
      expect(events.map((event) => event.type)).to.deep.equal(['trtc-left']);
    });
  }
});
