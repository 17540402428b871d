/** The loopback's fault hooks, and the faults a real room suffers that they simulate. */
import { expect } from '@open-wc/testing';
import { TrtcErrorCode, trtcCodeOf } from '../../../src/backends/error-codes.js';
import { loopbackTesting } from '../../../src/backends/loopback/index.js';
import { channelName, PROTOCOL, roomKey } from '../../../src/backends/loopback/protocol.js';
import { requireMediaCapture, requireVideoFrameCallback, requireWebRTC } from '../../helpers/features.js';
import { openPeerConnections, watchMediaResources } from '../../helpers/leaks.js';
import { until } from '../../helpers/media.js';
import { LoopbackFixture, SDK_APP_ID, streamOf, uniqueRoomId } from './fixture.js';

describe('loopback backend: fault hooks', () => {
  const fixture = new LoopbackFixture();

  before(async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    watchMediaResources();
    await fixture.setUp();
  });

  afterEach(async () => {
    await fixture.tearDown();
    // Every test ends with its own clients gone: nothing may be left connected.
    await until(() => openPeerConnections().length === 0, 'every peer connection to close');
  });

  it('configure() merges timings, validates them and restores the defaults', () => {
    const defaults = {
      heartbeatIntervalMs: 1000,
      peerTimeoutMs: 4000,
      reconnectTimeoutMs: 10000,
      trackCheckIntervalMs: 500,
      networkQualityIntervalMs: 2000,
    };
    expect(loopbackTesting.configure()).to.deep.equal(defaults);
    expect(loopbackTesting.configure({ heartbeatIntervalMs: 50 })).to.deep.equal({ ...defaults, heartbeatIntervalMs: 50 });
    expect(loopbackTesting.configure({ peerTimeoutMs: 300 })).to.deep.equal({
      ...defaults,
      heartbeatIntervalMs: 50,
      peerTimeoutMs: 300,
    });
    expect(() => loopbackTesting.configure({ peerTimeoutMs: 0 })).to.throw(TypeError);
    expect(() => loopbackTesting.configure({ heartbeatIntervalMs: Number.NaN })).to.throw(TypeError);
    expect(() => loopbackTesting.configure({ heartbeat: 5 } as never)).to.throw(TypeError, /unknown option/);
    expect(loopbackTesting.configure()).to.deep.equal(defaults);
  });

  it('refuses hooks on anything but a loopback client in a room', async () => {
    expect(() => loopbackTesting.dropPeer({} as never)).to.throw(TypeError);
    const { client } = fixture.client('idle');
    expect(() => loopbackTesting.loseSignal(client)).to.throw(/not in a room/);
    await client.join({ roomId: uniqueRoomId() });
    expect(() => loopbackTesting.restoreSignal(client)).to.throw(/was not lost/);
    loopbackTesting.loseSignal(client);
    expect(() => loopbackTesting.loseSignal(client)).to.throw(/already lost/);
    loopbackTesting.restoreSignal(client);
  });

  it('dropPeer(): the others notice the silence and remove the vanished client', async () => {
    const { peerTimeoutMs } = loopbackTesting.configure({ heartbeatIntervalMs: 50, peerTimeoutMs: 500 });
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    const { stream } = await fan.events.waitFor('stream-subscribed');
    const hostSaid = host.events.mark();

    const dropped = performance.now();
    loopbackTesting.dropPeer(host.client);
    await fan.events.waitFor('stream-removed', (event) => event.stream === stream, 0, peerTimeoutMs + 3000);
    await fan.events.waitFor('peer-leave', (event) => event.userId === 'host');
    // No goodbye was said: only the timeout can have told the fan.
    expect(performance.now() - dropped).to.be.at.least(peerTimeoutMs - 50);
    expect(host.events.mark(), 'the dropped client emitted nothing').to.equal(hostSaid);
    expect(openPeerConnections(), "the dropped client's links and the fan's are closed").to.have.length(0);

    // The client can come back, as a reloaded tab would.
    await host.client.join({ roomId, role: 'anchor' });
    await host.client.publish(host.stream);
    await fan.events.waitFor('stream-subscribed', (event) => event.stream !== stream);
  });

  it('loseSignal() / restoreSignal(): the client reconnects and catches up with the room', async () => {
    loopbackTesting.configure({ heartbeatIntervalMs: 50, peerTimeoutMs: 10000 });
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    const { stream: fromHost } = await fan.events.waitFor('stream-subscribed');
    const observer = await fixture.viewer(roomId, 'observer', { autoSubscribe: false });
    await streamOf(observer.events, 'host');

    loopbackTesting.loseSignal(fan.client);
    const lost = fan.events.mark();
    expect(fan.events.trace(lost - 1)).to.deep.equal(['connection-state-changed:RECONNECTING']);

    // The room changes meanwhile: the host stops publishing, a guest comes on air.
    const mark = observer.events.mark();
    await host.client.unpublish(host.stream);
    await fixture.anchor(roomId, 'guest');
    await observer.events.waitFor('stream-removed', (event) => event.stream.getUserId() === 'host', mark);
    await streamOf(observer.events, 'guest', mark);
    expect(fan.events.mark(), 'nothing reaches a client whose signalling is lost').to.equal(lost);

    loopbackTesting.restoreSignal(fan.client);
    expect(fan.events.trace(lost)[0]).to.equal('connection-state-changed:CONNECTED');
    await fan.events.waitFor('stream-removed', (event) => event.stream === fromHost, lost);
    const fromGuest = await streamOf(fan.events, 'guest', lost);
    await fan.events.waitFor('stream-subscribed', (event) => event.stream === fromGuest, lost);
    await fixture.playsFrames(fromGuest);
  });

  it('restoreSignal() after the others timed the client out: it rejoins their picture and its media resumes', async () => {
    const { peerTimeoutMs } = loopbackTesting.configure({ heartbeatIntervalMs: 50, peerTimeoutMs: 400 });
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const guest = await fixture.anchor(roomId, 'guest');
    const fromHost = await streamOf(guest.events, 'host');
    await guest.events.waitFor('stream-subscribed', (event) => event.stream === fromHost);
    const container = fixture.container();
    await fixture.playsFrames(fromHost, container);
    const firstTrack = fromHost.getVideoTrack()!;

    const mark = host.events.mark();
    loopbackTesting.loseSignal(guest.client);
    const lost = guest.events.mark();
    await host.events.waitFor('peer-leave', (event) => event.userId === 'guest', mark, peerTimeoutMs + 3000);

    loopbackTesting.restoreSignal(guest.client);
    await host.events.waitFor('peer-join', (event) => event.userId === 'guest', mark);
    const again = await streamOf(host.events, 'guest', mark);
    await host.events.waitFor('stream-subscribed', (event) => event.stream === again, mark);
    await fixture.playsFrames(again);

    // The guest kept the host's stream; the link the host dropped is rebuilt underneath it.
    await until(() => fromHost.getVideoTrack() !== firstTrack, 'a new link for the host stream');
    await fixture.playsFrames(fromHost, container);
    expect(guest.events.trace(lost)).to.deep.equal(['connection-state-changed:CONNECTED']);
    // One link each way, each with its two ends: the links of before the outage are all gone.
    await until(() => openPeerConnections().length === 4, 'the stale links to close');
  });

  it('a client superseded while its signalling was lost is kicked when it comes back, and the room keeps the later one', async () => {
    loopbackTesting.configure({ heartbeatIntervalMs: 50, peerTimeoutMs: 10000 });
    const roomId = uniqueRoomId();
    const earlier = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    const { stream: fromEarlier } = await fan.events.waitFor('stream-subscribed');
    loopbackTesting.loseSignal(earlier.client);

    const later = await fixture.anchor(roomId, 'host');
    await fan.events.waitFor('stream-removed', (event) => event.stream === fromEarlier);
    const { stream: fromLater } = await fan.events.waitFor('stream-subscribed', (event) => event.stream !== fromEarlier);
    const mark = fan.events.mark();

    loopbackTesting.restoreSignal(earlier.client);
    await earlier.events.waitFor('client-banned');
    // The earlier session announced itself, heard the later one and said goodbye; whatever the
    // later client sends now reaches the fan after all that.
    later.stream.muteVideo();
    await fan.events.waitFor('mute-video', () => true, mark);
    expect(fan.events.trace(mark), 'the superseded session was ignored').to.deep.equal(['mute-video:host']);
    expect(later.events.of('client-banned')).to.have.length(0);
    await fixture.playsFrames(fromLater);
  });

  it('gives up after the reconnect timeout with SIGNAL_CHANNEL_RECONNECTION_FAILED', async () => {
    loopbackTesting.configure({ heartbeatIntervalMs: 50, peerTimeoutMs: 600, reconnectTimeoutMs: 300 });
    const roomId = uniqueRoomId();
    await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    await fan.events.waitFor('stream-subscribed');
    const lost = fan.events.mark();
    loopbackTesting.loseSignal(fan.client);
    const error = await fan.events.waitFor('error', () => true, lost);
    expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.SIGNAL_CHANNEL_RECONNECTION_FAILED);
    expect(fan.events.trace(lost)).to.deep.equal([
      'connection-state-changed:RECONNECTING',
      'stream-removed:host',
      'connection-state-changed:DISCONNECTED',
      'error',
    ]);
    expect(() => loopbackTesting.restoreSignal(fan.client)).to.throw(/not in a room/);
    expect(() => fan.client.destroy(), 'no longer in a room').not.to.throw();
  });

  it('ignores and counts malformed or foreign channel messages, and the room carries on', async () => {
    loopbackTesting.configure({ heartbeatIntervalMs: 50 });
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    await fan.events.waitFor('stream-subscribed');
    const room = roomKey(roomId);
    const envelope = { protocol: PROTOCOL, sdkAppId: SDK_APP_ID, room, from: 'stranger', to: null };
    const presence = { userId: 'stranger', role: 'anchor', joinedAt: 1, stream: null, links: [] };
    const junk: unknown[] = [
      null,
      42,
      'announce',
      [envelope],
      {},
      { ...envelope, protocol: 'someone-else@1', type: 'bye' },
      { ...envelope, sdkAppId: SDK_APP_ID + 1, type: 'announce', presence, replyWanted: true },
      { ...envelope, room: roomKey(roomId + 1), type: 'announce', presence, replyWanted: true },
      { ...envelope, type: 'announce', presence: { ...presence, role: 'host' }, replyWanted: false },
      { ...envelope, type: 'announce', presence: { ...presence, links: [7] }, replyWanted: false },
      { ...envelope, type: 'announce', presence, replyWanted: 'yes' },
      { ...envelope, to: 7, type: 'bye' },
      { ...envelope, from: '', type: 'bye' },
      { ...envelope, type: 'offer', linkId: 'l', streamId: 's', sdp: 'not sdp' },
      { ...envelope, type: 'teleport' },
    ];
    const before = loopbackTesting.ignoredMessageCount();
    const channel = new BroadcastChannel(channelName(SDK_APP_ID, room));
    const mark = fan.events.mark();
    try {
      for (const message of junk) channel.postMessage(message);
      // Both clients in the room ignore each message.
      await until(() => loopbackTesting.ignoredMessageCount() === before + 2 * junk.length, 'the junk to be ignored');
      host.stream.muteVideo();
      await fan.events.waitFor('mute-video', () => true, mark);
      expect(fan.events.trace(mark), 'no stranger appeared').to.deep.equal(['mute-video:host']);
      expect(loopbackTesting.ignoredMessageCount()).to.equal(before + 2 * junk.length);
    } finally {
      channel.close();
    }
  });

  it('says goodbye when the page is hidden, and catches up when it comes back from the cache', async () => {
    // Heartbeats too slow to matter: only the page lifecycle can explain what happens.
    loopbackTesting.configure({ heartbeatIntervalMs: 60000, peerTimeoutMs: 120000 });
    const roomId = uniqueRoomId();
    await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    const { stream } = await fan.events.waitFor('stream-subscribed');
    const mark = fan.events.mark();

    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await fan.events.waitFor('peer-leave', (event) => event.userId === 'host', mark);
    expect(fan.events.trace(mark)).to.deep.equal(['stream-removed:host', 'peer-leave:host']);
    expect(fan.events.of('stream-removed', mark)[0].stream).to.equal(stream);

    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    const back = await streamOf(fan.events, 'host', mark);
    await fan.events.waitFor('stream-subscribed', (event) => event.stream === back, mark);
    await fixture.playsFrames(back);
  });
});
