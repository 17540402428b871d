/** Live-room behaviour of the loopback backend: several clients in one page forming rooms. */
import { expect } from '@open-wc/testing';
import { TrtcErrorCode, trtcCodeOf } from '../../../src/backends/error-codes.js';
import { loopbackTesting } from '../../../src/backends/loopback/index.js';
import { channelName, roomKey } from '../../../src/backends/loopback/protocol.js';
import { rejection, thrown } from '../../helpers/async.js';
import { requireMediaCapture, requireVideoFrameCallback, requireWebRTC } from '../../helpers/features.js';
import { openPeerConnections, watchMediaResources } from '../../helpers/leaks.js';
import { trackPending } from '../../helpers/pending.js';
import type { PendingWork } from '../../helpers/pending.js';
import { until } from '../../helpers/media.js';
import { LoopbackFixture, SDK_APP_ID, streamOf, uniqueRoomId } from './fixture.js';

describe('loopback backend: live rooms', () => {
  const fixture = new LoopbackFixture();

  before(async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    watchMediaResources();
    await fixture.setUp();
  });

  beforeEach(() => {
    // Fast heartbeats: negative checks below wait for several of them to pass.
    loopbackTesting.configure({ heartbeatIntervalMs: 50, peerTimeoutMs: 2000 });
  });

  afterEach(() => fixture.tearDown());

  it('keeps audience members off the air until they switch to anchor', async () => {
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    // The fan's automatic subscription reached the host after the fan's join announce did.
    await fan.events.waitFor('stream-subscribed');
    expect(host.events.trace(), 'an audience member is not announced').to.deep.equal([
      'connection-state-changed:CONNECTING',
      'connection-state-changed:CONNECTED',
    ]);
    expect(host.client.getRemoteMutedState()).to.deep.equal([]);

    const camera = await fixture.camera('fan');
    const refused = await rejection(fan.client.publish(camera));
    expect(trtcCodeOf(refused), 'publish() as audience').to.equal(TrtcErrorCode.INVALID_OPERATION);

    await fan.client.switchRole('anchor');
    await host.events.waitFor('peer-join', (event) => event.userId === 'fan');
    await fan.client.publish(camera);
    const fromFan = await streamOf(host.events, 'fan');
    await host.events.waitFor('stream-subscribed', (event) => event.stream === fromFan);
    const again = await rejection(fan.client.publish(camera));
    expect(trtcCodeOf(again), 'publishing twice').to.equal(TrtcErrorCode.INVALID_OPERATION);

    // Back to audience: the stream goes off the air with the role.
    await fan.client.switchRole('audience');
    await host.events.waitFor('peer-leave', (event) => event.userId === 'fan');
    expect(host.events.trace(2)).to.deep.equal([
      'peer-join:fan',
      'stream-added:fan',
      // The host subscribes automatically (autoSubscribe defaults to true, as in the SDK).
      'stream-subscribed:fan',
      'stream-removed:fan',
      'peer-leave:fan',
    ]);
    expect(host.events.of('stream-removed')[0].stream).to.equal(fromFan);
    expect(trtcCodeOf(await rejection(fan.client.publish(camera)))).to.equal(TrtcErrorCode.INVALID_OPERATION);

    // The publication ended with the role: as anchor again, the fan publishes anew.
    const mark = host.events.mark();
    await fan.client.switchRole('anchor');
    await fan.client.publish(camera);
    expect(await streamOf(host.events, 'fan', mark)).not.to.equal(fromFan);
  });

  it('gives a late joiner every stream already published', async () => {
    const roomId = uniqueRoomId();
    await fixture.anchor(roomId, 'first');
    await fixture.anchor(roomId, 'second');
    const late = await fixture.viewer(roomId, 'late', { autoSubscribe: false });
    const first = await streamOf(late.events, 'first');
    const second = await streamOf(late.events, 'second');
    expect(late.events.of('stream-added')).to.have.length(2);
    expect(late.events.of('peer-join').map((event) => event.userId).sort()).to.deep.equal(['first', 'second']);
    await late.client.subscribe(first);
    await late.client.subscribe(second);
    await fixture.playsFrames(first);
    await fixture.playsFrames(second);
    expect(late.events.of('stream-subscribed').map((event) => event.stream)).to.deep.equal([first, second]);
  });

  it('kicks the earlier client when the same userId joins again', async () => {
    const roomId = uniqueRoomId();
    const earlier = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    const earlierStream = await streamOf(fan.events, 'host');
    await fan.events.waitFor('stream-subscribed');

    const later = await fixture.anchor(roomId, 'host');
    const banned = await earlier.events.waitFor('client-banned');
    expect(banned).to.deep.equal({
      reason: 'kick',
      message: 'client was banned because of duplicated userId joining the room.',
    });
    expect(earlier.events.trace().slice(-2)).to.deep.equal(['connection-state-changed:DISCONNECTED', 'client-banned:kick']);
    expect(() => earlier.client.destroy(), 'a kicked client is out of the room').not.to.throw();
    expect(trtcCodeOf(await rejection(earlier.client.publish(earlier.stream)))).to.equal(TrtcErrorCode.INVALID_OPERATION);

    await fan.events.waitFor('stream-removed', (event) => event.stream === earlierStream);
    const laterStream = await fan.events.waitFor('stream-added', (event) => event.stream !== earlierStream);
    expect(laterStream.stream.getUserId()).to.equal('host');
    await fan.events.waitFor('stream-subscribed', (event) => event.stream === laterStream.stream);
    await fixture.playsFrames(laterStream.stream);
    expect(later.events.of('client-banned'), 'the later client stays').to.have.length(0);
    expect(earlierStream.getVideoTrack(), 'the kicked stream has no tracks').to.equal(null);
  });

  it('keeps rooms of other apps, other ids and string ids apart', async () => {
    const roomId = uniqueRoomId();
    const neighbours = [
      await fixture.anchor(roomId, 'other-app', { sdkAppId: SDK_APP_ID + 1 }),
      await fixture.anchor(String(roomId), 'string-room', { useStringRoomId: true }),
      await fixture.anchor(roomId + 1, 'next-room'),
    ];
    await fixture.anchor(roomId, 'host');
    const probe = await fixture.viewer(roomId, 'probe');
    // A subscription takes several heartbeats: any neighbour leaking into the room shows by then.
    const subscribed = await probe.events.waitFor('stream-subscribed');
    await fixture.playsFrames(subscribed.stream);
    expect(probe.events.trace().filter((entry) => !entry.startsWith('connection'))).to.deep.equal([
      'peer-join:host',
      'stream-added:host',
      'stream-subscribed:host',
    ]);
    for (const neighbour of neighbours) {
      expect(neighbour.events.of('peer-join'), 'nobody joined the neighbours').to.have.length(0);
    }
  });

  it('meets in string rooms with useStringRoomId', async () => {
    const roomId = `Lobby ${uniqueRoomId()}: {live}!`;
    const host = await fixture.anchor(roomId, 'host', { useStringRoomId: true });
    const fan = await fixture.viewer(roomId, 'fan', { useStringRoomId: true });
    const { stream } = await fan.events.waitFor('stream-subscribed');
    expect(stream.getUserId()).to.equal('host');
    await fixture.playsFrames(stream);
    expect(host.events.of('peer-join')).to.have.length(0);
  });

  it("in 'rtc' mode everyone is an anchor and may publish at once", async () => {
    const roomId = uniqueRoomId();
    const first = fixture.client('first', { mode: 'rtc' });
    const second = fixture.client('second', { mode: 'rtc' });
    await first.client.join({ roomId });
    // The role is ignored in rtc mode, as by the SDK.
    await second.client.join({ roomId, role: 'audience' });
    await first.events.waitFor('peer-join', (event) => event.userId === 'second');
    await second.events.waitFor('peer-join', (event) => event.userId === 'first');
    await second.client.publish(await fixture.camera('second'));
    const { stream } = await first.events.waitFor('stream-subscribed');
    await fixture.playsFrames(stream);
    expect(trtcCodeOf(await rejection(first.client.switchRole('audience')))).to.equal(TrtcErrorCode.INVALID_PARAMETER);
  });

  it('tells the room about muting, including late joiners', async () => {
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    await fan.events.waitFor('stream-subscribed');

    expect(host.stream.muteVideo()).to.equal(true);
    await fan.events.waitFor('mute-video', (event) => event.userId === 'host');
    expect(fan.client.getRemoteMutedState()).to.deep.equal([
      { userId: 'host', hasAudio: true, hasVideo: true, audioMuted: false, videoMuted: true },
    ]);
    host.stream.muteAudio();
    await fan.events.waitFor('mute-audio', (event) => event.userId === 'host');

    const late = await fixture.viewer(roomId, 'late');
    await late.events.waitFor('mute-video');
    expect(late.events.trace(2).slice(0, 4)).to.deep.equal(['peer-join:host', 'stream-added:host', 'mute-audio:host', 'mute-video:host']);

    host.stream.unmuteVideo();
    host.stream.unmuteAudio();
    await fan.events.waitFor('unmute-video', (event) => event.userId === 'host');
    await fan.events.waitFor('unmute-audio', (event) => event.userId === 'host');
    expect(fan.client.getRemoteMutedState()[0]).to.include({ audioMuted: false, videoMuted: false });
  });

  it('subscribes to what is asked for, and unsubscribe() ends the received tracks', async () => {
    const roomId = uniqueRoomId();
    await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan', { autoSubscribe: false });
    const stream = await streamOf(fan.events, 'host');

    const nothing = await rejection(fan.client.subscribe(stream, { audio: false, video: false }));
    expect(trtcCodeOf(nothing)).to.equal(TrtcErrorCode.INVALID_OPERATION);

    await fan.client.subscribe(stream, { audio: false });
    expect(stream.hasAudio(), 'the publisher has audio').to.equal(true);
    expect(stream.getAudioTrack(), 'but it was not asked for').to.equal(null);
    const video = stream.getVideoTrack()!;
    expect(video.readyState).to.equal('live');

    await fan.client.unsubscribe(stream);
    expect(stream.getVideoTrack()).to.equal(null);
    // Chromium ends the tracks of a closed peer connection a moment later.
    await until(() => video.readyState === 'ended', 'the received track to end');

    // A subscription cut short by unsubscribe() is aborted.
    const pending = fan.client.subscribe(stream);
    await fan.client.unsubscribe(stream);
    expect(trtcCodeOf(await rejection(pending))).to.equal(TrtcErrorCode.API_CALL_ABORTED);

    await fan.client.subscribe(stream);
    expect(stream.getAudioTrack()!.readyState).to.equal('live');
    await fixture.playsFrames(stream);
    expect(fan.events.of('stream-subscribed')).to.have.length(2);
  });

  it("unsubscribe() closes the publisher's end of the link at once", async () => {
    // Heartbeats too slow to matter: only the subscriber's goodbye to the link can close it.
    loopbackTesting.configure({ heartbeatIntervalMs: 60000 });
    const roomId = uniqueRoomId();
    await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan', { autoSubscribe: false });
    const stream = await streamOf(fan.events, 'host');
    await fan.client.subscribe(stream);
    expect(openPeerConnections(), 'one link, two ends').to.have.length(2);
    await fan.client.unsubscribe(stream);
    await until(() => openPeerConnections().length === 0, "the publisher's end to close");
  });

  it('refuses to subscribe to a stream that was removed', async () => {
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan', { autoSubscribe: false });
    const stream = await streamOf(fan.events, 'host');
    await host.client.unpublish(host.stream);
    await fan.events.waitFor('stream-removed');
    expect(trtcCodeOf(await rejection(fan.client.subscribe(stream)))).to.equal(TrtcErrorCode.INVALID_OPERATION);
    expect(trtcCodeOf(await rejection(fan.client.unsubscribe(stream)))).to.equal(TrtcErrorCode.INVALID_OPERATION);
    const other = await fixture.camera('host');
    await host.client.unpublish(other);
    await host.client.publish(host.stream);
    const notPublished = await rejection(host.client.unpublish(other));
    expect(trtcCodeOf(notPublished), 'unpublish() of another stream').to.equal(TrtcErrorCode.INVALID_PARAMETER);
  });

  it('updates the stream when the publisher closes and re-initializes it', async () => {
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    const { stream } = await fan.events.waitFor('stream-subscribed');
    const container = fixture.container();
    await fixture.playsFrames(stream, container);

    const mark = fan.events.mark();
    host.stream.close();
    await fan.events.waitFor('stream-updated', () => true, mark);
    expect([stream.hasAudio(), stream.hasVideo()]).to.deep.equal([false, false]);
    expect(container.querySelector('video'), 'nothing to show').to.equal(null);

    await host.stream.initialize();
    await fan.events.waitFor('stream-updated', () => true, mark + 1);
    expect([stream.hasAudio(), stream.hasVideo()]).to.deep.equal([true, true]);
    // The new capture reaches the subscriber on the same link.
    await fixture.playsFrames(stream, container);
    expect(fan.events.of('stream-subscribed')).to.have.length(1);
  });

  it('plays remote streams with sound, and reports autoplay blocking the sound', async () => {
    const roomId = uniqueRoomId();
    await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    const { stream } = await fan.events.waitFor('stream-subscribed');
    const errors: unknown[] = [];
    stream.on('error', (error) => errors.push(error));
    const container = fixture.container();
    const nativePlay = HTMLMediaElement.prototype.play;
    let blocked = true;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      const refuse = blocked && this instanceof HTMLAudioElement && !this.muted;
      return refuse ? Promise.reject(new DOMException('needs a gesture', 'NotAllowedError')) : nativePlay.call(this);
    };
    try {
      const refused = await rejection(stream.play(container));
      expect(trtcCodeOf(refused)).to.equal(TrtcErrorCode.PLAY_NOT_ALLOWED);
      expect(errors.map(trtcCodeOf)).to.deep.equal([TrtcErrorCode.PLAY_NOT_ALLOWED]);
      const audio = container.querySelector('audio')!;
      const video = container.querySelector('video')!;
      expect(audio.muted, 'remote sound is on').to.equal(false);
      expect(video.muted, 'the picture never carries sound').to.equal(true);
      expect(video.style.transform, 'remote video is not mirrored').to.equal('');
      // The picture plays regardless.
      await fixture.playsFrames(stream, container);
      blocked = false;
      await stream.resume();
      expect(errors).to.have.length(1);
    } finally {
      HTMLMediaElement.prototype.play = nativePlay;
    }
  });

  it('reports peers joining and leaving, and leave() reports the streams it had', async () => {
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const guest = await fixture.anchor(roomId, 'guest');
    const fromGuest = await streamOf(host.events, 'guest');
    const fromHost = await streamOf(guest.events, 'host');
    await host.events.waitFor('stream-subscribed', (event) => event.stream === fromGuest);
    await guest.client.leave();
    await host.events.waitFor('peer-leave', (event) => event.userId === 'guest');
    expect(host.events.trace(2)).to.deep.equal([
      'peer-join:guest',
      'stream-added:guest',
      'stream-subscribed:guest',
      'stream-removed:guest',
      'peer-leave:guest',
    ]);
    expect(host.events.of('stream-removed')[0].stream).to.equal(fromGuest);
    expect(guest.events.of('stream-removed').map((event) => event.stream)).to.deep.equal([fromHost]);
    expect(guest.events.trace().at(-1)).to.equal('connection-state-changed:DISCONNECTED');
  });

  it('handles join(), leave() and destroy() in any order the SDK allows', async () => {
    const roomId = uniqueRoomId();
    const { client, events } = fixture.client('user');
    const joining = client.join({ roomId });
    await client.leave();
    expect(trtcCodeOf(await rejection(joining)), 'join() cut short by leave()').to.equal(TrtcErrorCode.API_CALL_ABORTED);
    expect(events.trace()).to.deep.equal(['connection-state-changed:CONNECTING', 'connection-state-changed:DISCONNECTED']);

    await client.join({ roomId });
    expect(trtcCodeOf(await rejection(client.join({ roomId }))), 'join() twice').to.equal(TrtcErrorCode.INVALID_OPERATION);
    expect(trtcCodeOf(thrown(() => client.destroy())), 'destroy() in a room').to.equal(TrtcErrorCode.INVALID_OPERATION);
    await client.leave();
    await client.leave();
    await client.join({ roomId });
    await client.leave();

    const other = fixture.client('other').client;
    const pending = other.join({ roomId });
    other.destroy();
    expect(trtcCodeOf(await rejection(pending)), 'join() cut short by destroy()').to.equal(TrtcErrorCode.INVALID_OPERATION);
  });

  it('releases every peer connection, timer and listener on leave()', async () => {
    const pending = trackPending();
    try {
      await leaveReleasesEverything(pending);
    } finally {
      pending.stop();
    }
  });

  async function leaveReleasesEverything(pending: PendingWork) {
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    const { stream } = await fan.events.waitFor('stream-subscribed');
    await fixture.playsFrames(stream);
    const received = [stream.getAudioTrack()!, stream.getVideoTrack()!];
    // A third client keeps time: its heartbeats show how long the channel has been watched.
    const metronome = await fixture.viewer(roomId, 'metronome', { autoSubscribe: false });

    const spy = new BroadcastChannel(channelName(SDK_APP_ID, roomKey(roomId)));
    const senders = new Map<string, string>();
    const heard: string[] = [];
    spy.onmessage = ({ data }: MessageEvent) => {
      if (data.type === 'announce') senders.set(data.from, data.presence.userId);
      heard.push(`${senders.get(data.from) ?? '?'}:${data.type}`);
    };
    try {
      await until(() => heard.includes('host:announce') && heard.includes('fan:announce'), 'both announce');
      expect(pending.timers(), 'heartbeats are scheduled').to.be.greaterThan(0);
      expect(pending.windowListeners('pagehide'), 'one pagehide listener per client').to.equal(3);
      await fan.client.leave();
      await host.client.leave();
      expect(openPeerConnections(), 'peer connections left open').to.have.length(0);
      await until(() => received.every((track) => track.readyState === 'ended'), 'the received tracks to end');
      expect(host.stream.getVideoTrack()!.readyState, "the page's own stream is the page's to close").to.equal('live');

      const afterLeave = heard.length;
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      await until(() => heard.slice(afterLeave).filter((entry) => entry === 'metronome:announce').length >= 4, 'heartbeats');
      const fromTheLeavers = heard.slice(afterLeave).filter((entry) => /^(host|fan):/.test(entry));
      expect(fromTheLeavers, 'nothing from clients that left').to.deep.equal([]);
      expect(heard.slice(0, afterLeave).filter((entry) => entry.endsWith(':bye'))).to.deep.equal(['fan:bye', 'host:bye']);

      await metronome.client.leave();
      expect(pending.timers(), 'timers left scheduled').to.equal(0);
      expect(pending.windowListeners('pagehide'), 'pagehide listeners left').to.equal(0);
      expect(pending.windowListeners('pageshow'), 'pageshow listeners left').to.equal(0);
    } finally {
      spy.close();
    }
  }
});
