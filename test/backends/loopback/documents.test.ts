/**
 * Clients in different documents of one origin (as in two tabs): an anchor in a frame with its own
 * copy of the loopback module, a viewer in this page. They meet over BroadcastChannel and WebRTC,
 * and when the frame goes away without leave() (a closed tab) the viewer is told within seconds.
 */
import { expect } from '@open-wc/testing';
import { loadBackend } from '../../../src/backends/loader.js';
import type { TrtcBackend, TrtcRemoteStream } from '../../../src/backends/types.js';
import { requireMediaCapture, requireVideoFrameCallback, requireWebRTC } from '../../helpers/features.js';
import { openPeerConnections, watchMediaResources } from '../../helpers/leaks.js';
import { importInNewFrame } from '../../helpers/frame-realm.js';
import { framesRendered, shadowContainer, until } from '../../helpers/media.js';
import { EventLog, SDK_APP_ID, uniqueRoomId } from './fixture.js';

describe('loopback backend: clients in different documents', () => {
  before(function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    watchMediaResources();
  });

  it("shows an anchor in another document to a viewer here, and notices when that document is gone", async function () {
    this.timeout(30000);
    const roomId = uniqueRoomId();
    // The anchor's document: a frame with its own instance of the loopback backend.
    const { module, frame } = await importInNewFrame<{ default: TrtcBackend }>('/src/backends/loopback/index.ts');
    const elsewhere = module.default;
    expect(elsewhere, 'a separate instance of the module').not.to.equal(await loadBackend('loopback'));

    const anchor = elsewhere.createClient({ mode: 'live', sdkAppId: SDK_APP_ID, userId: 'far_host', userSig: 'sig' });
    await anchor.join({ roomId, role: 'anchor' });
    const camera = elsewhere.createStream({ userId: 'far_host', audio: false, video: true });
    await camera.initialize();
    await anchor.publish(camera);

    const TRTC = await loadBackend('loopback');
    const viewer = TRTC.createClient({ mode: 'live', sdkAppId: SDK_APP_ID, userId: 'near_viewer', userSig: 'sig' });
    const events = new EventLog(viewer);
    viewer.on('stream-added', ({ stream }) => void viewer.subscribe(stream, { audio: true, video: true }));
    await viewer.join({ roomId, role: 'audience' });
    try {
      const { stream } = await events.waitFor('stream-subscribed');
      expect(stream.getUserId()).to.equal('far_host');
      const { host, container } = shadowContainer();
      document.body.append(host);
      await (stream as TrtcRemoteStream).play(container);
      await until(() => container.querySelector('video') !== null, 'the remote video element');
      await framesRendered(container.querySelector('video')!, 5);
      host.remove();

      // The other document disappears without leaving: no goodbye from the client itself.
      frame.remove();
      await events.waitFor('stream-removed', (event) => event.stream === stream, 0, 10000);
      await events.waitFor('peer-leave', (event) => event.userId === 'far_host', 0, 10000);
      await until(() => openPeerConnections().length === 0, 'every peer connection to close', 10000);
    } finally {
      await viewer.leave();
      viewer.destroy();
      frame.remove();
    }
  });
});
