/**
 * Plain HTML: fixtures/plain-html.html loads nothing but the CDN build (dist/cdn/, so
 * `npm run build` must have run) and holds two loopback rooms, a host that joins as anchor and
 * publishes, and a viewer whose `<trtc-remote-stream>` must show the host's camera.
 */
import { expect } from '@open-wc/testing';
import { requireMediaCapture, requireVideoFrameCallback, requireWebRTC } from '../helpers/features.js';
import { framesRendered, until } from '../helpers/media.js';
import type { TrtcLiveRoomElement, TrtcRemoteStreamElement } from '../../src/index.js';

type FixtureWindow = Window & typeof globalThis & { pageErrors: string[] };

let frame: HTMLIFrameElement | undefined;

async function openFixture(): Promise<FixtureWindow> {
  frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '600px';
  // A fresh room per page, so rooms of other tests (or engines) on this origin never meet it.
  frame.src = `/test/integrations/fixtures/plain-html.html?room-id=plain_${crypto.randomUUID().slice(0, 8)}`;
  const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as FixtureWindow;
  // `load` waits for the module scripts, so the entry has run by now (or failed).
  return win;
}

describe('plain HTML with the CDN build', () => {
  afterEach(async () => {
    const rooms = [...(frame?.contentDocument?.querySelectorAll('trtc-live-room') ?? [])] as TrtcLiveRoomElement[];
    await Promise.all(rooms.map((room) => room.leave?.()));
    frame?.remove();
    frame = undefined;
  });

  it('defines the four tags from the entry alone, included twice without an error', async () => {
    const win = await openFixture();
    for (const tag of ['trtc-live-room', 'trtc-remote-stream', 'trtc-local-stream', 'trtc-co-anchor-button']) {
      expect(win.customElements.get(tag), `<${tag}>`).to.be.a('function');
    }
    // Both copies of the entry ran: the second found the tags taken and kept the first's.
    const scripts = win.performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      // The test server injects its own reload socket into every HTML page it serves.
      .filter((url) => !url.pathname.startsWith('/__web-dev-server'))
      .map((url) => url.pathname + url.search);
    expect(scripts).to.include('/dist/cdn/trtc-live-elements.js');
    expect(scripts).to.include('/dist/cdn/trtc-live-elements.js?included-twice');
    for (const path of scripts) expect(path, 'everything the page loaded').to.match(/^\/dist\/cdn\//);
    expect(scripts.some((path) => path.includes('trtc.esm')), 'the real SDK chunk, with loopback rooms only').to.equal(false);
    expect(scripts.some((path) => path.includes('trtc-v5')), 'the v5 SDK chunk, with loopback rooms only').to.equal(false);
    expect(win.pageErrors).to.deep.equal([]);
  });

  it("runs a loopback room end to end: the viewer's remote stream shows the host's camera", async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    const win = await openFixture();
    const host = win.document.getElementById('host') as TrtcLiveRoomElement;
    const viewer = win.document.getElementById('viewer') as TrtcLiveRoomElement;
    await until(() => host.state?.localStream !== null && host.state?.localStream !== undefined, 'the host to publish', 15000);
    await until(() => viewer.connectionState === 'joined', 'the viewer to join', 15000);
    expect(viewer.getAttribute('connection-state')).to.equal('joined');
    expect(host.getAttribute('connection-state')).to.equal('joined');
    expect(viewer.hasAttribute('user-sig'), 'the signature stays out of the markup').to.equal(false);

    const remote = viewer.querySelector('trtc-remote-stream') as TrtcRemoteStreamElement;
    const videoOf = () => remote.shadowRoot?.querySelector('[part~="video"] video') as HTMLVideoElement | null;
    await until(() => remote.active && videoOf() !== null, "the host's stream in the viewer's <trtc-remote-stream>", 15000);
    expect(remote.getAttribute('stream-user-id')).to.equal('host');
    const video = videoOf()!;
    await framesRendered(video, 5);
    expect(video.videoWidth).to.be.greaterThan(0);
    expect(win.pageErrors).to.deep.equal([]);
  });

  it('fetches the real SDK chunk when, and only when, a room joins with the real backend', async function () {
    // Without WebRTC the room says so before loading any backend.
    requireWebRTC(this);
    const win = await openFixture();
    const loadedPaths = () =>
      win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(loadedPaths().some((path) => path.includes('trtc.esm')), 'before a real room joins').to.equal(false);

    const real = win.document.createElement('trtc-live-room') as TrtcLiveRoomElement;
    real.setAttribute('manual', '');
    real.setAttribute('sdk-app-id', '1400000000');
    real.setAttribute('room-id', '9999');
    real.setAttribute('user-id', 'real_sdk_viewer');
    real.userSig = 'signature';
    win.document.body.append(real);
    // Offline, the real SDK cannot reach Tencent Cloud: the join fails, after loading the chunk.
    await real.join();
    expect(real.getAttribute('connection-state')).to.equal('failed');
    const chunk = loadedPaths().filter((path) => /^\/dist\/cdn\/chunks\/trtc\.esm-[\w-]+\.js$/.test(path));
    expect(chunk, 'the SDK chunk, fetched once').to.have.length(1);
    expect(loadedPaths().some((path) => path.includes('trtc-v5')), 'the v5 chunk, by a v4 room').to.equal(false);
    expect(win.pageErrors).to.deep.equal([]);
  });

  it('fetches the v5 chunk when, and only when, a backend="trtc-v5" room joins', async function () {
    requireWebRTC(this);
    const win = await openFixture();
    const loadedPaths = () => win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    const v5Chunk = () => loadedPaths().filter((path) => /^\/dist\/cdn\/chunks\/trtc-v5-[\w-]+\.js$/.test(path));

    const room = win.document.createElement('trtc-live-room') as TrtcLiveRoomElement;
    room.setAttribute('manual', '');
    room.setAttribute('backend', 'trtc-v5');
    room.setAttribute('sdk-app-id', '1400000000');
    room.setAttribute('room-id', '9999');
    room.setAttribute('user-id', 'v5_sdk_viewer');
    room.userSig = 'signature';
    win.document.body.append(room);
    await room.updateComplete;
    expect(v5Chunk(), 'before it joins').to.have.length(0);
    // Offline, v5 cannot reach Tencent Cloud either: the join fails, after loading the chunk.
    await room.join();
    expect(room.getAttribute('connection-state')).to.equal('failed');
    // v5 itself ran and said why (recorded with v5.17.1: SCHEDULE_FAILED), not a chunk that failed to load.
    expect(room.state.error?.sdkCode, 'the SDK code of the failed join').to.equal(0x404c);
    expect(v5Chunk(), 'the v5 chunk, fetched once').to.have.length(1);
    expect(loadedPaths().some((path) => path.includes('trtc.esm')), 'the v4 chunk, by a v5 room').to.equal(false);
    expect(win.pageErrors).to.deep.equal([]);
  });
});
