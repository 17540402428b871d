import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { TrtcLiveRoomElement } from '../../src/elements/live-room/live-room.js';
import { withTimeout } from '../helpers/async.js';
import { liveCapturedTracks } from '../helpers/leaks.js';
import { until } from '../helpers/media.js';
import { ScriptedBackend } from '../room/scripted-backend.js';

describe('<trtc-live-room> previewing before it joins', () => {
  let backend: ScriptedBackend;
  let room: TrtcLiveRoomElement;

  beforeEach(async () => {
    backend = new ScriptedBackend();
    room = await fixture<TrtcLiveRoomElement>(html`
      <trtc-live-room manual sdk-app-id="1400000000" room-id="8888" user-id="viewer_1" .sdk=${backend}></trtc-live-room>
    `);
  });

  afterEach(async () => {
    await room.leave();
    await until(() => liveCapturedTracks().length === 0, 'no camera or mic left on');
  });

  it("opens the camera on the room's own backend (its sdk), not the default one", async () => {
    await room.startPreview();
    expect(room.state.coAnchorState).to.equal('previewing');
    expect(backend.streams, 'captured by the injected backend').to.have.length(1);
    expect(room.state.localStream).to.not.equal(null);
  });

  it('uses the sdk set just before, without waiting for the next render', async () => {
    const other = new ScriptedBackend();
    room.sdk = other;
    await room.startPreview();
    expect(other.streams, 'the sdk set a moment ago').to.have.length(1);
    expect(backend.streams).to.have.length(0);
  });

  it('removed while the camera prompt is open: idle at once, and what opens late is closed', async () => {
    backend.hold('initialize');
    const previewing = room.startPreview();
    await until(() => room.state.coAnchorState === 'previewing', 'previewing');
    room.remove();
    await until(() => room.state.coAnchorState === 'idle', 'idle once removed', 200);
    backend.release('initialize');
    await withTimeout(previewing, 'the preview request to settle', 1000);
    await until(() => backend.streams.every((stream) => stream.closed), 'the late camera closed');
    expect(room.state.localStream).to.equal(null);
  });
});
