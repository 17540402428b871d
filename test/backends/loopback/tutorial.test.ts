/**
 * The seed tutorial ("enter a live room as a viewer, then co-anchor"), step by step, written
 * against the TRTC v4 API with nothing but `TRTC` being the loopback backend.
 */
import { expect } from '@open-wc/testing';
import { loadBackend } from '../../../src/backends/loader.js';
import type { TrtcBackend, TrtcClient, TrtcLocalStream, TrtcRemoteStream } from '../../../src/backends/types.js';
import { withTimeout } from '../../helpers/async.js';
import { requireMediaCapture, requireVideoFrameCallback, requireWebRTC } from '../../helpers/features.js';
import { liveCapturedTracks, openPeerConnections, watchMediaResources } from '../../helpers/leaks.js';
import { framesRendered, until } from '../../helpers/media.js';
import { SDK_APP_ID, uniqueRoomId } from './fixture.js';

/** A div the tutorial's play('id') calls find by id in the document. */
function divWithId(id: string): HTMLDivElement {
  const div = document.createElement('div');
  div.id = id;
  div.style.width = '160px';
  div.style.height = '120px';
  document.body.append(div);
  return div;
}

async function framesIn(div: HTMLElement, what: string): Promise<HTMLVideoElement> {
  let video: HTMLVideoElement | null = null;
  await until(() => (video = div.querySelector('video')) !== null, `a <video> for ${what}`);
  await withTimeout(framesRendered(video!), `frames of ${what}`);
  return video!;
}

describe('loopback backend: the seed tutorial, step by step', () => {
  let TRTC: TrtcBackend;
  const clients: TrtcClient[] = [];
  const streams: TrtcLocalStream[] = [];
  const divs: HTMLElement[] = [];

  before(async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    watchMediaResources();
    TRTC = await loadBackend('loopback');
  });

  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    for (const client of clients.splice(0)) {
      await client.leave();
      client.destroy();
    }
    for (const div of divs.splice(0)) div.remove();
  });

  it('watches the anchor as a viewer, co-anchors, and leaves with everything released', async () => {
    const roomId = uniqueRoomId();

    // The anchor already on air: enters the room as anchor and publishes camera and microphone.
    const anchor = TRTC.createClient({ mode: 'live', sdkAppId: SDK_APP_ID, userId: 'anchor', userSig: 'sig' });
    clients.push(anchor);
    const anchorRemoved: TrtcRemoteStream[] = [];
    anchor.on('stream-removed', ({ stream }) => anchorRemoved.push(stream));
    await anchor.join({ roomId, role: 'anchor' });
    const anchorStream = TRTC.createStream({ userId: 'anchor', audio: true, video: true });
    streams.push(anchorStream);
    await anchorStream.initialize();
    await anchor.publish(anchorStream);

    // Step 1: the viewer creates a live-mode client.
    const viewer = TRTC.createClient({ mode: 'live', sdkAppId: SDK_APP_ID, userId: 'viewer', userSig: 'sig' });
    clients.push(viewer);

    // Step 3, registered before join() as the tutorial asks: subscribe on 'stream-added', play on
    // 'stream-subscribed' into the div named after the stream.
    const viewerAdded: TrtcRemoteStream[] = [];
    const viewerRemoved: TrtcRemoteStream[] = [];
    const played: Promise<void>[] = [];
    viewer.on('stream-added', (event) => {
      viewerAdded.push(event.stream);
      played.push(viewer.subscribe(event.stream));
    });
    const subscribed = new Promise<TrtcRemoteStream>((resolve) => {
      viewer.on('stream-subscribed', (event) => {
        const remoteStream = event.stream;
        divs.push(divWithId(`remote_stream-${remoteStream.getId()}`));
        played.push(remoteStream.play(`remote_stream-${remoteStream.getId()}`));
        resolve(remoteStream);
      });
    });
    viewer.on('stream-removed', ({ stream }) => viewerRemoved.push(stream));

    // Step 2: enter the room as a viewer.
    await viewer.join({ roomId, role: 'audience' });

    // Step 3: the anchor's stream arrives, is subscribed and plays.
    const fromAnchor = await withTimeout(subscribed, "the viewer's 'stream-subscribed'");
    expect(viewerAdded).to.deep.equal([fromAnchor]);
    expect(fromAnchor.getUserId()).to.equal('anchor');
    expect(fromAnchor.getType()).to.equal('main');
    await Promise.all(played);
    const anchorVideo = await framesIn(document.getElementById(`remote_stream-${fromAnchor.getId()}`)!, "the anchor's stream");
    expect(anchorVideo.videoWidth).to.be.greaterThan(0);
    const receivedFromAnchor = [fromAnchor.getAudioTrack()!, fromAnchor.getVideoTrack()!];
    expect(receivedFromAnchor.map((track) => track.readyState)).to.deep.equal(['live', 'live']);

    // Step 4.1: switch to the anchor role.
    await viewer.switchRole('anchor');

    // Step 4.2: create, initialize and play the local stream, then publish it.
    const coAnchorStream = TRTC.createStream({ userId: 'viewer', audio: true, video: true });
    streams.push(coAnchorStream);
    await coAnchorStream.initialize();
    divs.push(divWithId('local_stream'));
    await coAnchorStream.play('local_stream');
    await framesIn(document.getElementById('local_stream')!, 'the local preview');
    const anchorSubscribed = new Promise<TrtcRemoteStream>((resolve) => {
      anchor.on('stream-added', (event) => void anchor.subscribe(event.stream));
      anchor.on('stream-subscribed', (event) => resolve(event.stream));
    });
    await viewer.publish(coAnchorStream);

    // The anchor receives the co-anchor's frames.
    const fromCoAnchor = await withTimeout(anchorSubscribed, "the anchor's 'stream-subscribed'");
    expect(fromCoAnchor.getUserId()).to.equal('viewer');
    divs.push(divWithId('co_anchor'));
    await fromCoAnchor.play('co_anchor');
    await framesIn(document.getElementById('co_anchor')!, "the co-anchor's stream");
    const receivedFromCoAnchor = [fromCoAnchor.getAudioTrack()!, fromCoAnchor.getVideoTrack()!];

    // Step 5: both leave, and each side sees the other's stream removed.
    await viewer.leave();
    await until(() => anchorRemoved.includes(fromCoAnchor), "the anchor's 'stream-removed'");
    expect(viewerRemoved, 'leaving reports the streams it had').to.deep.equal([fromAnchor]);
    await anchor.leave();

    // Chromium ends the tracks of a closed peer connection a moment after close().
    const received = [...receivedFromAnchor, ...receivedFromCoAnchor];
    await until(() => received.every((track) => track.readyState === 'ended'), 'every received track to end');
    const captured = [anchorStream, coAnchorStream].flatMap((stream) => [stream.getAudioTrack()!, stream.getVideoTrack()!]);
    for (const stream of streams) stream.close();
    for (const track of captured) expect(track.readyState, `captured ${track.kind} track after close()`).to.equal('ended');
    expect(openPeerConnections(), 'peer connections left open').to.have.length(0);
    expect(liveCapturedTracks(), 'captured tracks left live').to.have.length(0);
  });
});
