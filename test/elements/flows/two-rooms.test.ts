/**
 * The live room end to end, as its users see it: a host and a viewer, two `<trtc-live-room>`s in
 * one page on the loopback backend (real WebRTC), with the page author's own tiles and with the
 * default layout. Frames are counted in the tiles; the viewer goes on stage with a real click or
 * the keyboard; stopping ends the camera; leaving leaves nothing behind.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type {
  TrtcCoAnchorButtonElement,
  TrtcLiveRoomElement,
  TrtcLocalStreamElement,
  TrtcRemoteStreamElement,
} from '../../../src/index.js';
import { liveCapturedTracks, openPeerConnections } from '../../helpers/leaks.js';
import { until } from '../../helpers/media.js';
import {
  click,
  clickDetails,
  EventRecord,
  expectFrames,
  expectReleased,
  freshRoomId,
  html,
  MEDIA_TIMEOUT,
  nativeButton,
  part,
  reaches,
  reachesCoAnchor,
  SDK_APP_ID,
  SIGNATURE,
  settle,
  mediaStage,
  statusOf,
  tracksOf,
  videoIn,
  expectAccessible,
} from './flow-fixture.js';
import { ControlledLoopback } from '../../helpers/controlled-loopback.js';

function withChildren(roomId: string, lang = 'en') {
  return html`
    <trtc-live-room id="host" lang=${lang} backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="host"
        user-role="anchor" auto-publish .userSig=${SIGNATURE}>
      <trtc-remote-stream></trtc-remote-stream>
      <trtc-local-stream></trtc-local-stream>
      <trtc-co-anchor-button></trtc-co-anchor-button>
    </trtc-live-room>
    <trtc-live-room id="viewer" lang=${lang} backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="viewer"
        .userSig=${SIGNATURE}>
      <trtc-remote-stream></trtc-remote-stream>
      <trtc-local-stream></trtc-local-stream>
      <trtc-co-anchor-button></trtc-co-anchor-button>
    </trtc-live-room>
  `;
}

function defaultLayout(roomId: string) {
  return html`
    <trtc-live-room id="host" backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="host"
        user-role="anchor" auto-publish .userSig=${SIGNATURE}></trtc-live-room>
    <trtc-live-room id="viewer" backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="viewer"
        .userSig=${SIGNATURE}></trtc-live-room>
  `;
}

function child<T extends Element>(room: TrtcLiveRoomElement, tag: string): T {
  const element = room.querySelector<T>(tag);
  if (!element) throw new Error(`no <${tag}> in #${room.id}`);
  return element;
}

/** The page author's tiles, or the default layout's (in the room's shadow root). */
function tiles(room: TrtcLiveRoomElement) {
  const own = room.children.length > 0;
  const scope: ParentNode = own ? room : room.shadowRoot!;
  return {
    remote: () => scope.querySelector<TrtcRemoteStreamElement>('trtc-remote-stream'),
    local: () => scope.querySelector<TrtcLocalStreamElement>('trtc-local-stream'),
    button: () => scope.querySelector<TrtcCoAnchorButtonElement>('trtc-co-anchor-button')!,
  };
}

describe('a live room on the loopback backend: host and viewer in one page', function () {
  this.timeout(60000);
  const stage = mediaStage();

  for (const layout of ['their own tiles', 'the default layout'] as const) {
    it(`with ${layout}: the viewer watches the host, goes live with a click, the host sees the viewer, stopping ends the camera`, async () => {
      const roomId = freshRoomId();
      stage.mount(layout === 'their own tiles' ? withChildren(roomId) : defaultLayout(roomId));
      const host = stage.room('host');
      const viewer = stage.room('viewer');
      const hostEvents = new EventRecord(host);
      const viewerEvents = new EventRecord(viewer);
      const hostTiles = tiles(host);
      const viewerTiles = tiles(viewer);

      await reaches(host, 'joined');
      await reaches(viewer, 'joined');
      await reachesCoAnchor(host, 'live', 'the host to publish');
      await expectFrames(hostTiles.local()!, "the host's own preview");

      // The viewer sees the host.
      await until(() => viewerTiles.remote() !== null, "a tile for the host in the viewer's room", MEDIA_TIMEOUT);
      const hostInViewer = viewerTiles.remote()!;
      await expectFrames(hostInViewer, "the host's camera in the viewer's tile");
      expect(hostInViewer.getAttribute('stream-user-id')).to.equal('host');
      expect(part(hostInViewer, 'placeholder')!.checkVisibility(), 'placeholder hidden while playing').to.equal(false);
      expect(statusOf(viewer).text, 'nothing to report').to.equal('');
      const button = nativeButton(viewerTiles.button());
      expect(button.textContent!.trim()).to.equal('Go live');
      expect(button.getAttribute('aria-pressed')).to.equal('false');
      expect(button.getAttribute('aria-disabled')).to.equal('false');
      await expectAccessible(viewer);
      await expectAccessible(host);

      // One real click takes the viewer on stage.
      const capturedBefore = liveCapturedTracks();
      await click(button);
      await reachesCoAnchor(viewer, 'live', 'the viewer to go live');
      await until(() => button.getAttribute('aria-pressed') === 'true', 'the button to show it is pressed');
      expect(button.textContent!.trim()).to.equal('Leave stage');
      expect(viewer.state.role).to.equal('anchor');
      const preview = await until(() => viewerTiles.local()?.active === true, "the viewer's preview", MEDIA_TIMEOUT).then(
        () => viewerTiles.local()!,
      );
      const previewVideo = await expectFrames(preview, "the viewer's own preview");
      const viewerTracks = liveCapturedTracks().filter((track) => !capturedBefore.includes(track));
      expect(viewerTracks.map((track) => track.kind).sort(), "the viewer's camera and microphone").to.deep.equal(['audio', 'video']);
      expect(tracksOf(previewVideo).every((track) => viewerTracks.includes(track)), 'the preview shows that camera').to.equal(true);

      // The host sees the viewer.
      await until(() => hostTiles.remote()?.getAttribute('stream-user-id') === 'viewer', "the viewer's tile in the host's room", MEDIA_TIMEOUT);
      await expectFrames(hostTiles.remote()!, "the viewer's camera in the host's tile");
      expect(hostEvents.of('trtc-stream-added').map((stream) => stream.userId)).to.deep.equal(['viewer']);
      await expectAccessible(viewer);
      await expectAccessible(host);

      // One more click leaves the stage: the camera and microphone end, the host's tile empties.
      await click(button);
      await reachesCoAnchor(viewer, 'idle', 'the viewer to leave the stage');
      expect(viewerTracks.map((track) => track.readyState), 'every local track ended').to.deep.equal(['ended', 'ended']);
      expect(button.getAttribute('aria-pressed')).to.equal('false');
      expect(button.textContent!.trim()).to.equal('Go live');
      expect(viewer.state.role).to.equal('audience');
      await until(() => viewerTiles.local()?.active !== true, 'the preview to go');
      await until(() => hostTiles.remote()?.active !== true, "the viewer's tile in the host's room to empty", MEDIA_TIMEOUT);
      expect(hostEvents.of('trtc-stream-removed').map((stream) => stream.userId)).to.deep.equal(['viewer']);
      expect(viewerEvents.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal([
        'starting',
        'live',
        'stopping',
        'idle',
      ]);
      expect([...hostEvents.of('trtc-error'), ...viewerEvents.of('trtc-error')]).to.deep.equal([]);
      // Still watching the host.
      await expectFrames(viewerTiles.remote()!, "the host's camera after the viewer left the stage");
      await expectAccessible(viewer);
    });
  }

  it('asks the page for approval: requesting, a declined request said, then an approved one goes live', async () => {
    const roomId = freshRoomId();
    stage.mount(withChildren(roomId));
    const host = stage.room('host');
    const viewer = stage.room('viewer');
    await expectFrames(child(viewer, 'trtc-remote-stream'), "the host's camera in the viewer's tile");
    const requests: unknown[] = [];
    let decide!: (approved: boolean) => void;
    viewer.approveCoAnchor = (request) => {
      requests.push(request);
      return new Promise<boolean>((resolve) => (decide = resolve));
    };
    const captured = liveCapturedTracks().length;
    const button = nativeButton(child(viewer, 'trtc-co-anchor-button'));

    await click(button);
    await until(() => viewer.getAttribute('co-anchor-state') === 'requesting', 'the request to be pending');
    await until(() => button.textContent!.trim() === 'Waiting for approval. Press again to cancel', 'the requesting label');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(requests).to.deep.equal([{ roomId, userId: 'viewer' }]);
    expect(liveCapturedTracks(), 'no camera while asking').to.have.length(captured);
    await expectAccessible(viewer);

    decide(false);
    await until(() => viewer.getAttribute('co-anchor-state') === 'idle', 'the request to be declined');
    await viewer.updateComplete;
    expect(statusOf(viewer)).to.deep.equal({ text: 'Your request to go live was declined.', visible: true });
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(liveCapturedTracks()).to.have.length(captured);
    await expectAccessible(viewer);

    await click(button);
    await until(() => requests.length === 2, 'the second request');
    expect(statusOf(viewer).text, 'the old answer goes with a new request').to.equal('');
    decide(true);
    await reachesCoAnchor(viewer, 'live', 'the approved viewer to go live');
    await expectFrames(child(host, 'trtc-remote-stream'), "the viewer's camera in the host's tile");
  });

  it('shows when the host turns the camera off, and the picture again when it is back on', async () => {
    const roomId = freshRoomId();
    const hostSdk = new ControlledLoopback();
    stage.mount(html`
      <trtc-live-room id="host" .sdk=${hostSdk.sdk} sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="host" user-role="anchor"
          auto-publish .userSig=${SIGNATURE}><trtc-local-stream></trtc-local-stream></trtc-live-room>
      <trtc-live-room id="viewer" backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="viewer"
          .userSig=${SIGNATURE}><trtc-remote-stream></trtc-remote-stream></trtc-live-room>
    `);
    const tile = child<TrtcRemoteStreamElement>(stage.room('viewer'), 'trtc-remote-stream');
    await expectFrames(tile, "the host's camera in the viewer's tile");
    const cameraOff = part(tile, 'camera-off')!;
    expect(cameraOff.checkVisibility()).to.equal(false);

    expect(hostSdk.streams.get('host')!.muteVideo()).to.equal(true);
    await until(() => cameraOff.checkVisibility(), 'the tile to say the camera is off', MEDIA_TIMEOUT);
    expect(cameraOff.textContent).to.equal('host has turned the camera off');
    expect(tile.active, 'still the host’s tile').to.equal(true);
    await expectAccessible(tile);

    expect(hostSdk.streams.get('host')!.unmuteVideo()).to.equal(true);
    await until(() => !cameraOff.checkVisibility(), 'the picture to be back', MEDIA_TIMEOUT);
    await expectFrames(tile, "the host's camera back on");
    await settle();
  });

  it('leave() releases everything: peer connections, captured tracks, SDK listeners, timers', async () => {
    const roomId = freshRoomId();
    stage.mount(withChildren(roomId));
    const host = stage.room('host');
    const viewer = stage.room('viewer');
    const hostTile = child<TrtcRemoteStreamElement>(host, 'trtc-remote-stream');
    const viewerTile = child<TrtcRemoteStreamElement>(viewer, 'trtc-remote-stream');
    await expectFrames(viewerTile, "the host's camera in the viewer's tile");
    await click(nativeButton(child(viewer, 'trtc-co-anchor-button')));
    await expectFrames(hostTile, "the viewer's camera in the host's tile");
    const received = [...tracksOf(videoIn(hostTile)), ...tracksOf(videoIn(viewerTile))];
    expect(openPeerConnections().length, 'both ways are connected').to.be.greaterThan(0);
    expect(liveCapturedTracks().length, 'both cameras and microphones are on').to.equal(4);

    const hostEvents = new EventRecord(host);
    const viewerEvents = new EventRecord(viewer);
    await viewer.leave();
    expect(viewer.getAttribute('connection-state')).to.equal('left');
    expect(viewer.getAttribute('co-anchor-state')).to.equal('idle');
    expect(statusOf(viewer).text).to.equal('You left the room.');
    await until(() => hostTile.active === false, "the viewer's tile in the host's room to empty", MEDIA_TIMEOUT);
    await host.leave();
    expect(host.getAttribute('connection-state')).to.equal('left');

    await expectReleased(stage.pending);
    expect(received.map((track) => track.readyState), 'received tracks ended').to.deep.equal(received.map(() => 'ended'));
    for (const [room, tile] of [
      [host, hostTile],
      [viewer, viewerTile],
    ] as const) {
      await until(() => !tile.active && part(tile, 'placeholder')!.checkVisibility(), `#${room.id}: the placeholder back`);
      expect(videoIn(tile), `#${room.id}: no player left in the tile`).to.equal(null);
      expect(child<TrtcLocalStreamElement>(room, 'trtc-local-stream').active).to.equal(false);
    }
    // Leaving while live: off the stage first, then out of the room, announced once.
    expect(viewerEvents.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal(['stopping', 'idle']);
    expect(viewerEvents.trace().at(-1)).to.equal('trtc-left');
    expect(viewerEvents.of('trtc-left')).to.deep.equal([{ roomId, userId: 'viewer', role: 'anchor' }]);
    expect(hostEvents.trace()).to.deep.equal(['trtc-stream-removed', 'trtc-co-anchor-change', 'trtc-co-anchor-change', 'trtc-left']);
    expect(hostEvents.of('trtc-left')).to.deep.equal([{ roomId, userId: 'host', role: 'anchor' }]);
    await expectAccessible(viewer);
    const hint = part(child(viewer, 'trtc-co-anchor-button'), 'hint')!;
    expect(hint.textContent).to.equal('You have left the room.');
  });

  it('is operated from the keyboard: Enter goes live, Space leaves the stage', async () => {
    const roomId = freshRoomId();
    stage.mount(withChildren(roomId));
    const host = stage.room('host');
    const viewer = stage.room('viewer');
    await expectFrames(child(viewer, 'trtc-remote-stream'), "the host's camera in the viewer's tile");
    const buttonElement = child<TrtcCoAnchorButtonElement>(viewer, 'trtc-co-anchor-button');
    const button = nativeButton(buttonElement);
    const details = clickDetails(button);
    buttonElement.focus();
    expect(buttonElement.shadowRoot!.activeElement, 'focusing the element focuses its button').to.equal(button);

    await sendKeys({ press: 'Enter' });
    await reachesCoAnchor(viewer, 'live', 'Enter to take the viewer live');
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    expect(buttonElement.shadowRoot!.activeElement, 'focus stays on the button through the states').to.equal(button);
    await expectFrames(child(host, 'trtc-remote-stream'), "the viewer's camera in the host's tile");

    // ' ' rather than 'Space': Firefox's WebDriver BiDi input knows keys by the character they type.
    await sendKeys({ press: ' ' });
    await reachesCoAnchor(viewer, 'idle', 'Space to leave the stage');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(buttonElement.shadowRoot!.activeElement).to.equal(button);
    await until(() => liveCapturedTracks().length === 2, "only the host's camera and microphone left on");
    expect(details, 'keyboard clicks come with detail 0').to.deep.equal([0, 0]);
  });

  it('speaks Chinese under lang="zh-CN" through the whole flow', async () => {
    const roomId = freshRoomId();
    stage.mount(withChildren(roomId, 'zh-CN'));
    const host = stage.room('host');
    const viewer = stage.room('viewer');
    const tile = child<TrtcRemoteStreamElement>(host, 'trtc-remote-stream');
    const buttonHost = child<TrtcCoAnchorButtonElement>(viewer, 'trtc-co-anchor-button');
    await reaches(host, 'joined');
    const button = nativeButton(buttonHost);
    expect(part(tile, 'placeholder')!.textContent!.trim(), 'no co-anchor yet').to.equal('台上暂无其他人');
    await expectAccessible(tile);
    await expectFrames(child(viewer, 'trtc-remote-stream'), "the host's camera in the viewer's tile");
    expect(part(child(viewer, 'trtc-remote-stream'), 'base')!.getAttribute('aria-label')).to.equal('host 的直播画面');
    expect(button.textContent!.trim()).to.equal('连麦');
    await click(button);
    await until(() => button.textContent!.trim() === '结束连麦', 'the stop label in Chinese', MEDIA_TIMEOUT);
    const preview = child<TrtcLocalStreamElement>(viewer, 'trtc-local-stream');
    await until(() => preview.active, 'the preview');
    expect(part(preview, 'base')!.getAttribute('aria-label')).to.equal('你的摄像头预览');
    expect(part(preview, 'name')!.textContent).to.equal('我');
    await expectAccessible(viewer);
    await viewer.leave();
    expect(statusOf(viewer)).to.deep.equal({ text: '你已离开房间。', visible: true });
    expect(part(buttonHost, 'hint')!.textContent).to.equal('你已离开房间。');
    await expectAccessible(viewer);
  });
});
