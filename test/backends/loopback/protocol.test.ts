/**
 * The loopback's signalling as seen on the wire: what a publisher does with an offer it cannot
 * serve, and what a subscriber does when its offer is refused. A test page can post on a room's
 * channel like any other script of the origin, which is how these replies are provoked.
 */
import { expect } from '@open-wc/testing';
import { TrtcErrorCode, trtcCodeOf } from '../../../src/backends/error-codes.js';
import { loopbackTesting } from '../../../src/backends/loopback/index.js';
import { channelName, PROTOCOL, roomKey } from '../../../src/backends/loopback/protocol.js';
import type { Message } from '../../../src/backends/loopback/protocol.js';
import { rejection } from '../../helpers/async.js';
import { requireMediaCapture, requireWebRTC } from '../../helpers/features.js';
import { watchMediaResources } from '../../helpers/leaks.js';
import { until } from '../../helpers/media.js';
import { LoopbackFixture, SDK_APP_ID, streamOf, uniqueRoomId } from './fixture.js';

/** Listens to a room's channel, and posts on it as `from`. */
class Wire {
  readonly heard: Message[] = [];
  readonly #channel: BroadcastChannel;

  constructor(readonly roomId: number) {
    this.#channel = new BroadcastChannel(channelName(SDK_APP_ID, roomKey(roomId)));
    this.#channel.onmessage = ({ data }: MessageEvent<Message>) => this.heard.push(data);
  }

  /** The session id a user announces itself under. */
  async sessionOf(userId: string): Promise<string> {
    let found: Message | undefined;
    await until(() => (found = this.heard.find((m) => m.type === 'announce' && m.presence.userId === userId)) !== undefined, `${userId}'s announce`);
    return found!.from;
  }

  async next<T extends Message['type']>(type: T, matches: (message: Extract<Message, { type: T }>) => boolean) {
    let found: Extract<Message, { type: T }> | undefined;
    const pick = () => this.heard.find((m): m is Extract<Message, { type: T }> => m.type === type && matches(m as Extract<Message, { type: T }>));
    await until(() => (found = pick()) !== undefined, `a '${type}' message`);
    return found!;
  }

  post(from: string, to: string, body: object): void {
    this.#channel.postMessage({ protocol: PROTOCOL, sdkAppId: SDK_APP_ID, room: roomKey(this.roomId), from, to, ...body });
  }

  close(): void {
    this.#channel.close();
  }
}

describe('loopback backend: signalling on the wire', () => {
  const fixture = new LoopbackFixture();
  const wires: Wire[] = [];
  const wire = (roomId: number) => {
    const created = new Wire(roomId);
    wires.push(created);
    return created;
  };

  before(async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    watchMediaResources();
    await fixture.setUp();
  });

  afterEach(async () => {
    for (const created of wires.splice(0)) created.close();
    await fixture.tearDown();
  });

  it('a publisher refuses an offer for a stream it does not publish', async () => {
    const roomId = uniqueRoomId();
    const listening = wire(roomId);
    await fixture.anchor(roomId, 'host');
    const host = await listening.sessionOf('host');
    const pc = new RTCPeerConnection({ iceServers: [] });
    try {
      pc.addTransceiver('video', { direction: 'recvonly' });
      await pc.setLocalDescription();
      listening.post('stranger', host, { type: 'offer', linkId: 'forged-link', streamId: 'no-such-stream', sdp: pc.localDescription!.sdp });
      const refusal = await listening.next('refuse', (message) => message.to === 'stranger');
      expect(refusal).to.include({ from: host, linkId: 'forged-link' });
    } finally {
      pc.close();
    }
  });

  it('a refused subscription rejects with REMOTE_STREAM_NOT_EXIST', async () => {
    loopbackTesting.configure({ heartbeatIntervalMs: 50 });
    const roomId = uniqueRoomId();
    const listening = wire(roomId);
    const host = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan', { autoSubscribe: false });
    const stream = await streamOf(fan.events, 'host');
    const hostSession = await listening.sessionOf('host');
    const fanSession = await listening.sessionOf('fan');
    // The host cannot hear the offer, so the refusal below is the only reply the fan gets.
    loopbackTesting.loseSignal(host.client);
    const subscribing = fan.client.subscribe(stream);
    const offer = await listening.next('offer', (message) => message.from === fanSession);
    listening.post(hostSession, fanSession, { type: 'refuse', linkId: offer.linkId });
    expect(trtcCodeOf(await rejection(subscribing))).to.equal(TrtcErrorCode.REMOTE_STREAM_NOT_EXIST);
    expect(stream.getVideoTrack()).to.equal(null);
    expect(fan.events.of('stream-subscribed')).to.have.length(0);
  });
});
