/**
 * Co-anchor requests between controllers in one page: a host and viewers, each on a scripted
 * backend of its own (the media side is not what is tested here; test/elements/flows has it with
 * real frames), talking over real `LoopbackSignaling` on a room id of their own.
 */
import { expect } from '@open-wc/testing';
import { LiveRoomController } from '../../src/room/live-room-controller.js';
import { encodeMessage } from '../../src/signaling/protocol.js';
import { LoopbackSignaling } from '../../src/signaling/loopback.js';
import { TencentChatSignaling } from '../../src/signaling/tencent-chat.js';
import { FakeChatServer } from '../signaling/fake-tencent-chat.js';
import type { CoAnchorSignaling } from '../../src/signaling/types.js';
import type { CoAnchorChangeDetail, CoAnchorRequestDetail, LiveRoomConfig } from '../../src/room/types.js';
import { liveCapturedTracks, watchMediaResources } from '../helpers/leaks.js';
import { until } from '../helpers/media.js';
import { watchSignalingResources } from '../signaling/resources.js';
import { watchedTransport } from '../helpers/watched-signaling.js';
import { ScriptedBackend } from './scripted-backend.js';

/** Well under the 60 s timeout and under loopback's 3.5 s presence timeout: "at once". */
const AT_ONCE_MS = 1500;

describe('co-anchor requests between a host and viewers (controllers over LoopbackSignaling)', () => {
  const resources = watchSignalingResources();
  let roomId: string;
  let controllers: LiveRoomController[];

  before(() => watchMediaResources());

  beforeEach(() => {
    roomId = `requests_${crypto.randomUUID().slice(0, 8)}`;
    controllers = [];
  });

  afterEach(async () => {
    await Promise.all(controllers.map((controller) => controller.dispose()));
    expect(liveCapturedTracks(), 'no camera or mic left on').to.have.length(0);
    expect(resources.snapshot(), 'no channel, page listener or heartbeat left').to.deep.equal({ openChannels: 0, pageListeners: 0, intervals: 0 });
  });

  function room(userId: string, config: Partial<LiveRoomConfig> = {}, timeoutMs?: number) {
    const controller = new LiveRoomController({ sdk: new ScriptedBackend(), coAnchorRequestTimeoutMs: timeoutMs });
    controllers.push(controller);
    const changes: CoAnchorChangeDetail[] = [];
    const requests: CoAnchorRequestDetail[] = [];
    const errors: string[] = [];
    controller.listen((event) => {
      if (event.type === 'trtc-co-anchor-change') changes.push(event.detail);
      if (event.type === 'trtc-co-anchor-request') requests.push(event.detail);
      if (event.type === 'trtc-error') errors.push(event.detail.code);
    });
    controller.configure({ sdkAppId: 1400000000, roomId, userId, userSig: 'sig', role: 'audience', signaling: 'loopback', ...config });
    return { controller, changes, requests, errors };
  }

  async function host(config: Partial<LiveRoomConfig> = {}, timeoutMs?: number) {
    const { transport, ready } = watchedTransport();
    const party = room('host', { role: 'anchor', signaling: transport, ...config }, timeoutMs);
    await party.controller.join();
    await ready;
    return party;
  }

  async function viewer(userId: string, config: Partial<LiveRoomConfig> = {}, timeoutMs?: number) {
    const party = room(userId, { hostId: 'host', ...config }, timeoutMs);
    await party.controller.join();
    return party;
  }

  const waiting = (party: { controller: LiveRoomController }) => party.controller.state.coAnchorRequests.map((request) => request.userId);
  const onStage = (party: { controller: LiveRoomController }) => party.controller.state.coAnchors.map((coAnchor) => coAnchor.userId);

  it('asks, waits in requesting, and goes live when the host approves; off stage frees the place', async () => {
    const h = await host();
    const amy = await viewer('amy');
    const going = amy.controller.startCoAnchor();
    await until(() => waiting(h).length === 1, 'the request to reach the host');
    expect(amy.controller.state.coAnchorState).to.equal('requesting');
    expect(h.requests).to.deep.equal([{ userId: 'amy', status: 'pending' }]);
    await h.controller.approveCoAnchorRequest('amy');
    await going;
    expect(amy.controller.state).to.include({ coAnchorState: 'live', role: 'anchor' });
    expect(onStage(h)).to.deep.equal(['amy']);
    expect(waiting(h)).to.deep.equal([]);
    await amy.controller.stopCoAnchor();
    await until(() => onStage(h).length === 0, 'the host to free the place');
    expect(amy.changes.map(({ state, reason }) => [state, reason])).to.deep.equal([
      ['requesting', null],
      ['starting', null],
      ['live', null],
      ['stopping', null],
      ['idle', null],
    ]);
  });

  it('ends in idle with reason denied when the host denies', async () => {
    const h = await host();
    const amy = await viewer('amy');
    const going = amy.controller.startCoAnchor();
    await until(() => waiting(h).length === 1, 'the request to reach the host');
    await h.controller.denyCoAnchorRequest('amy');
    await going;
    expect(amy.controller.state).to.include({ coAnchorState: 'idle', role: 'audience' });
    expect(amy.changes.at(-1)).to.deep.equal({ state: 'idle', previousState: 'requesting', denied: true, reason: 'denied' });
  });

  it('withdraws the request when stopCoAnchor() comes while requesting, and the host hears it', async () => {
    const h = await host();
    const amy = await viewer('amy');
    const going = amy.controller.startCoAnchor();
    await until(() => waiting(h).length === 1, 'the request to reach the host');
    await amy.controller.stopCoAnchor();
    await going;
    expect(amy.changes.at(-1)).to.include({ state: 'idle', reason: 'cancelled', denied: false });
    await until(() => waiting(h).length === 0, 'the host to drop the request');
    expect(h.requests.at(-1)).to.deep.equal({ userId: 'amy', status: 'cancelled' });
  });

  it('times out on both sides when the host does not answer (short test timeout)', async () => {
    const h = await host({}, 300);
    const amy = await viewer('amy', {}, 300);
    await amy.controller.startCoAnchor();
    expect(amy.changes.at(-1)).to.include({ state: 'idle', reason: 'timeout' });
    await until(() => h.requests.length === 2, 'the host to expire the request');
    expect(h.requests.at(-1)).to.deep.equal({ userId: 'amy', status: 'expired' });
    expect(waiting(h)).to.deep.equal([]);
  });

  it('answers full to an approval beyond max-co-anchors', async () => {
    const h = await host({ maxCoAnchors: '1' });
    const amy = await viewer('amy');
    const bob = await viewer('bob');
    const amyGoing = amy.controller.startCoAnchor();
    const bobGoing = bob.controller.startCoAnchor();
    await until(() => waiting(h).length === 2, 'both requests to reach the host');
    await h.controller.approveCoAnchorRequest('amy');
    await h.controller.approveCoAnchorRequest('bob');
    await Promise.all([amyGoing, bobGoing]);
    expect(amy.controller.state.coAnchorState).to.equal('live');
    expect(bob.controller.state.coAnchorState).to.equal('idle');
    expect(bob.changes.at(-1)).to.include({ reason: 'full', denied: true });
    expect(onStage(h)).to.deep.equal(['amy']);
  });

  it('stops co-anchoring, camera off, when the host removes the viewer from stage', async () => {
    const h = await host();
    const amy = await viewer('amy');
    const going = amy.controller.startCoAnchor();
    await until(() => waiting(h).length === 1, 'the request to reach the host');
    await h.controller.approveCoAnchorRequest('amy');
    await going;
    expect(liveCapturedTracks().length, 'the camera is on').to.be.greaterThan(0);
    await h.controller.removeCoAnchor('amy');
    await until(() => amy.controller.state.coAnchorState === 'idle', 'the viewer to leave the stage');
    expect(amy.changes.at(-1)).to.include({ state: 'idle', previousState: 'stopping', reason: 'removed' });
    expect(amy.controller.state).to.include({ role: 'audience', localStream: null });
    expect(liveCapturedTracks()).to.have.length(0);
    expect(onStage(h)).to.deep.equal([]);
  });

  it('ends every pending request at once when the host leaves', async () => {
    const h = await host();
    const amy = await viewer('amy');
    const bob = await viewer('bob');
    const going = [amy.controller.startCoAnchor(), bob.controller.startCoAnchor()];
    await until(() => waiting(h).length === 2, 'both requests to reach the host');
    await h.controller.leave();
    await until(
      () => amy.controller.state.coAnchorState === 'idle' && bob.controller.state.coAnchorState === 'idle',
      'both viewers back to idle',
      AT_ONCE_MS,
    );
    await Promise.all(going);
    expect(amy.changes.at(-1)).to.include({ reason: 'host-left' });
    expect(bob.changes.at(-1)).to.include({ reason: 'host-left' });
  });

  it('ignores an approval from anyone but host-id, even with the right request id; another host hears nothing', async () => {
    const h = await host();
    const other = room('host_b', { role: 'anchor' });
    await other.controller.join();
    const { transport, sent } = watchedTransport();
    const amy = await viewer('amy', { signaling: transport as CoAnchorSignaling });
    const going = amy.controller.startCoAnchor();
    await until(() => waiting(h).length === 1, 'the request to reach the host');
    const { requestId } = JSON.parse(sent[0].data) as { requestId: string };
    const mallory = new LoopbackSignaling();
    await mallory.connect({ sdkAppId: 1400000000, roomId, userId: 'mallory', userSig: 'sig' });
    await mallory.send('amy', encodeMessage(roomId, { kind: 'approve', requestId }));
    await other.controller.approveCoAnchorRequest('amy');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(amy.controller.state.coAnchorState, 'still waiting for its host').to.equal('requesting');
    expect(waiting(other), 'the other host got no request').to.deep.equal([]);
    await mallory.close();
    await h.controller.denyCoAnchorRequest('amy');
    await going;
    expect(amy.changes.at(-1)).to.include({ reason: 'denied' });
  });

  it('withdraws a pending request at once on leave, telling the host', async () => {
    const h = await host();
    const amy = await viewer('amy');
    const going = amy.controller.startCoAnchor();
    await until(() => waiting(h).length === 1, 'the request to reach the host');
    const started = performance.now();
    await amy.controller.leave();
    await going;
    expect(performance.now() - started, 'leave did not wait for an answer').to.be.below(AT_ONCE_MS);
    expect(amy.changes.at(-1)).to.include({ state: 'idle', reason: 'cancelled' });
    await until(() => waiting(h).length === 0, 'the host to drop the request');
    expect(h.requests.at(-1)).to.deep.equal({ userId: 'amy', status: 'cancelled' });
  });

  it('withdraws a pending approval hook when pressed again, without signaling', async () => {
    const amy = room('amy', { signaling: null });
    amy.controller.approveCoAnchor = () => new Promise<boolean>(() => {});
    await amy.controller.join();
    const going = amy.controller.startCoAnchor();
    await until(() => amy.controller.state.coAnchorState === 'requesting', 'the hook to be asked');
    await amy.controller.stopCoAnchor();
    await going;
    expect(amy.changes.at(-1)).to.include({ state: 'idle', reason: 'cancelled' });
  });

  it('runs the same flow over TencentChatSignaling, against a fake of @tencentcloud/chat that follows its declared types', async () => {
    const server = new FakeChatServer();
    const h = room('host', { role: 'anchor', signaling: new TencentChatSignaling({ loadChat: server.load }) });
    await h.controller.join();
    await until(() => server.instances.some((chat) => chat.userId === 'host' && chat.isReady()), 'the host logged in to Chat');
    const amy = room('amy', { hostId: 'host', signaling: new TencentChatSignaling({ loadChat: server.load }) });
    await amy.controller.join();
    const going = amy.controller.startCoAnchor();
    await until(() => waiting(h).length === 1, 'the request to reach the host over Chat');
    expect(server.sent[0]).to.include({ from: 'amy', to: 'host' });
    await h.controller.approveCoAnchorRequest('amy');
    await going;
    expect(amy.controller.state.coAnchorState).to.equal('live');

    const bob = room('bob', { hostId: 'host', signaling: new TencentChatSignaling({ loadChat: server.load }) });
    await bob.controller.join();
    const asking = bob.controller.startCoAnchor();
    await until(() => waiting(h).length === 1, "bob's request to reach the host over Chat");
    // Chat has no presence: the host's own host-left message ends bob's wait.
    await h.controller.leave();
    await until(() => bob.controller.state.coAnchorState === 'idle', 'bob back to idle', AT_ONCE_MS);
    await asking;
    expect(bob.changes.at(-1)).to.include({ reason: 'host-left' });
    await Promise.all([amy.controller.leave(), bob.controller.leave()]);
    expect(server.instances.map((chat) => [chat.userId, chat.destroyed, chat.isReady()]), 'every Chat instance logged out and destroyed').to.deep.equal(
      server.instances.map((chat) => [chat.userId, true, false]),
    );
  });

  for (const [config, field] of [
    [{ signaling: 'carrier-pigeon' }, 'signaling'],
    [{ signaling: 'loopback', hostId: null }, 'host-id'],
    [{ signaling: 'loopback', hostId: 'amy' }, 'host-id'],
    [{ signaling: 'loopback', hostId: 'host', maxCoAnchors: '0' }, 'max-co-anchors'],
    [{ signaling: 'loopback', hostId: 'host', maxCoAnchors: '50' }, 'max-co-anchors'],
  ] as const) {
    it(`fails the join with invalid-config naming ${field} for ${JSON.stringify(config)}`, async () => {
      const amy = room('amy', config);
      const detail = new Promise<unknown>((resolve) => amy.controller.listen((event) => event.type === 'trtc-error' && resolve(event.detail)));
      await amy.controller.join();
      expect(await detail).to.include({ code: 'invalid-config', field });
      expect(amy.controller.state.connectionState).to.equal('failed');
    });
  }

  it('reports signaling-failed when the transport cannot connect, and a press ends in idle', async () => {
    const broken: CoAnchorSignaling = {
      connect: () => Promise.reject(new Error('no route to the signaling server')),
      send: () => Promise.reject(new Error('not connected')),
      onMessage: () => () => {},
      close: async () => {},
    };
    const amy = room('amy', { signaling: broken, hostId: 'host' });
    await amy.controller.join();
    await until(() => amy.errors.length === 1, 'the failure to be reported');
    await amy.controller.startCoAnchor();
    expect(amy.errors).to.deep.equal(['signaling-failed', 'signaling-failed']);
    expect(amy.controller.state.coAnchorState).to.equal('idle');
  });
});
