/**
 * What goes wrong in a real live room, and what its users see: the camera refused or missing,
 * the same user joining elsewhere, a peer vanishing, the browser refusing to play sound. Two (or
 * three) loopback rooms in one page; the browser's refusals are faked in the page (no real prompt).
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { loopbackTesting } from '../../../src/backends/loopback/index.js';
import type { TrtcLiveRoomElement, TrtcLocalStreamElement, TrtcRemoteStreamElement } from '../../../src/index.js';
import type { LiveRoomErrorCode } from '../../../src/room/types.js';
import { liveCapturedTracks } from '../../helpers/leaks.js';
import { until } from '../../helpers/media.js';
import {
  blockUnmutedAutoplayUntilGesture,
  click,
  EventRecord,
  expectAccessible,
  expectFrames,
  freshRoomId,
  html,
  MEDIA_TIMEOUT,
  nativeButton,
  part,
  reaches,
  reachesCoAnchor,
  refuseCapture,
  SDK_APP_ID,
  settle,
  SIGNATURE,
  mediaStage,
  statusOf,
  tracksOf,
  videoIn,
} from './flow-fixture.js';
import { ControlledLoopback } from '../../helpers/controlled-loopback.js';

type Lang = 'en' | 'zh-CN';

const SHOWN: Record<Lang, Partial<Record<LiveRoomErrorCode, string>> & { goLive: string }> = {
  en: {
    'permission-denied': 'Camera or microphone access was denied. Allow access in your browser to go live.',
    'device-not-found': 'No camera or microphone was found.',
    kicked: 'You were removed from the room. This user ID may have joined from another tab or device.',
    goLive: 'Go live',
  },
  'zh-CN': {
    'permission-denied': '摄像头或麦克风权限被拒绝，请在浏览器中允许访问后再连麦。',
    'device-not-found': '未找到摄像头或麦克风。',
    kicked: '你已被移出房间，可能是该用户 ID 在其他标签页或设备上进入了房间。',
    goLive: '连麦',
  },
};

function hostRoom(roomId: string, sdk?: ControlledLoopback['sdk']) {
  return html`
    <trtc-live-room id="host" backend="loopback" .sdk=${sdk} sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="host"
        user-role="anchor" auto-publish .userSig=${SIGNATURE}>
      <trtc-remote-stream></trtc-remote-stream>
      <trtc-local-stream></trtc-local-stream>
    </trtc-live-room>
  `;
}

function viewerRoom(roomId: string, { id = 'viewer', userId = 'viewer', lang = 'en', sdk = undefined as ControlledLoopback['sdk'] | undefined } = {}) {
  return html`
    <trtc-live-room id=${id} lang=${lang} backend="loopback" .sdk=${sdk} sdk-app-id=${SDK_APP_ID} room-id=${roomId}
        user-id=${userId} .userSig=${SIGNATURE}>
      <trtc-remote-stream></trtc-remote-stream>
      <trtc-local-stream></trtc-local-stream>
      <trtc-co-anchor-button></trtc-co-anchor-button>
    </trtc-live-room>
  `;
}

const tileOf = (room: TrtcLiveRoomElement) => room.querySelector<TrtcRemoteStreamElement>('trtc-remote-stream')!;
const previewOf = (room: TrtcLiveRoomElement) => room.querySelector<TrtcLocalStreamElement>('trtc-local-stream')!;
const buttonOf = (room: TrtcLiveRoomElement) => nativeButton(room.querySelector('trtc-co-anchor-button')!);

describe('failures in a live room, as its users see them', function () {
  this.timeout(60000);
  const stage = mediaStage();

  const refusals = [
    ['NotAllowedError', 'permission-denied'],
    ['NotFoundError', 'device-not-found'],
  ] as const;
  for (const lang of ['en', 'zh-CN'] as const) {
    for (const [name, code] of refusals) {
      it(`${lang}: the camera refused (${name}) reports ${code} once, and the viewer stays in the audience`, async () => {
        const roomId = freshRoomId();
        stage.mount(html`${hostRoom(roomId)}${viewerRoom(roomId, { lang })}`);
        const host = stage.room('host');
        const viewer = stage.room('viewer');
        await expectFrames(tileOf(viewer), "the host's camera in the viewer's tile");
        const viewerEvents = new EventRecord(viewer);
        const hostEvents = new EventRecord(host);
        const capture = refuseCapture(stage, name);
        const button = buttonOf(viewer);

        await click(button);
        await until(() => viewerEvents.of('trtc-error').length > 0, `the ${code} report`, MEDIA_TIMEOUT);
        await reachesCoAnchor(viewer, 'idle', 'the viewer back off stage');
        await settle();
        expect(capture.calls(), 'the camera was asked for').to.be.greaterThan(0);
        expect(viewerEvents.of('trtc-error'), 'exactly one trtc-error').to.have.length(1);
        expect(viewerEvents.of('trtc-error')[0]).to.include({ code, recoverable: true });
        expect(viewerEvents.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal(['starting', 'idle']);
        expect(viewer.state.role, 'switched back to the audience').to.equal('audience');
        expect(viewer.getAttribute('connection-state'), 'still watching').to.equal('joined');
        expect(liveCapturedTracks(), "only the host's camera and microphone are on").to.have.length(2);
        expect(previewOf(viewer).active, 'no preview').to.equal(false);
        expect(button.getAttribute('aria-pressed')).to.equal('false');
        expect(button.textContent!.trim()).to.equal(SHOWN[lang].goLive);
        expect(statusOf(viewer)).to.deep.equal({ text: SHOWN[lang][code], visible: true });
        await expectAccessible(viewer);
        expect(hostEvents.of('trtc-stream-added'), 'the host saw nothing').to.deep.equal([]);
        await expectFrames(tileOf(viewer), "the host's camera, still");

        // Allowed again, the next click goes live and the message goes.
        capture.allow();
        await click(button);
        await reachesCoAnchor(viewer, 'live', 'the viewer to go live');
        expect(statusOf(viewer).text).to.equal('');
        await expectFrames(tileOf(host), "the viewer's camera in the host's tile");
      });
    }
  }

  it('an anchor whose camera is refused on joining stays in the room as anchor, and says why', async () => {
    const roomId = freshRoomId();
    const capture = refuseCapture(stage, 'NotAllowedError');
    stage.mount(hostRoom(roomId));
    const host = stage.room('host');
    const events = new EventRecord(host);
    await until(() => events.of('trtc-error').length > 0, 'the report', MEDIA_TIMEOUT);
    await settle();
    expect(capture.calls()).to.be.greaterThan(0);
    expect(events.of('trtc-error').map((error) => error.code)).to.deep.equal(['permission-denied']);
    expect(host.getAttribute('connection-state')).to.equal('joined');
    expect(host.getAttribute('co-anchor-state')).to.equal('idle');
    expect(host.state.role).to.equal('anchor');
    expect(liveCapturedTracks()).to.have.length(0);
    expect(statusOf(host)).to.deep.equal({ text: SHOWN.en['permission-denied'], visible: true });
    await expectAccessible(host);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: the same user joining elsewhere in the page kicks the first: failed, trtc-kicked once, camera off`, async () => {
      const roomId = freshRoomId();
      stage.mount(html`${hostRoom(roomId)}${viewerRoom(roomId, { userId: 'twin', lang })}`);
      const host = stage.room('host');
      const first = stage.room('viewer');
      await expectFrames(tileOf(first), "the host's camera in the first viewer's tile");
      await click(buttonOf(first));
      await expectFrames(tileOf(host), "the first viewer's camera in the host's tile");
      const camera = tracksOf(videoIn(previewOf(first)));
      expect(camera.length).to.be.greaterThan(0);
      const events = new EventRecord(first);

      stage.add(viewerRoom(roomId, { id: 'second', userId: 'twin', lang }));
      const second = stage.room('second');
      await reaches(first, 'failed', 'the first viewer');
      await settle();
      expect(events.of('trtc-kicked'), 'exactly one trtc-kicked').to.have.length(1);
      expect(events.of('trtc-error').map((error) => error.code)).to.deep.equal(['kicked']);
      expect(camera.map((track) => track.readyState), 'the camera and microphone released').to.deep.equal(camera.map(() => 'ended'));
      expect(first.getAttribute('co-anchor-state')).to.equal('idle');
      expect(previewOf(first).active).to.equal(false);
      await until(() => !tileOf(first).active, "the kicked viewer's tile to empty");
      expect(statusOf(first)).to.deep.equal({ text: SHOWN[lang].kicked!, visible: true });
      expect(buttonOf(first).getAttribute('aria-disabled')).to.equal('true');
      await expectAccessible(first);

      // The later one is in the room; the earlier one stays out.
      await reaches(second, 'joined', 'the second viewer');
      await expectFrames(tileOf(second), "the host's camera in the second viewer's tile");
      await until(() => !tileOf(host).active, "the kicked viewer's tile in the host's room to empty", MEDIA_TIMEOUT);
      await settle();
      expect(first.getAttribute('connection-state')).to.equal('failed');
      expect(liveCapturedTracks(), "only the host's camera and microphone").to.have.length(2);
    });
  }

  for (const who of ['host', 'co-anchor'] as const) {
    it(`a ${who} that vanishes (dropPeer): the other side's tile returns to the placeholder, trtc-stream-removed once`, async () => {
      loopbackTesting.configure({ heartbeatIntervalMs: 50, peerTimeoutMs: 500 });
      stage.onTearDown(() => loopbackTesting.configure());
      const roomId = freshRoomId();
      const hostSdk = new ControlledLoopback();
      const viewerSdk = new ControlledLoopback();
      stage.mount(html`${hostRoom(roomId, hostSdk.sdk)}${viewerRoom(roomId, { sdk: viewerSdk.sdk })}`);
      const host = stage.room('host');
      const viewer = stage.room('viewer');
      await expectFrames(tileOf(viewer), "the host's camera in the viewer's tile");
      await click(buttonOf(viewer));
      await expectFrames(tileOf(host), "the viewer's camera in the host's tile");

      const [gone, watcher] = who === 'host' ? [hostSdk.client('host'), viewer] : [viewerSdk.client('viewer'), host];
      const tile = tileOf(watcher);
      const events = new EventRecord(watcher);
      loopbackTesting.dropPeer(gone);
      await until(() => events.of('trtc-stream-removed').length > 0, 'the stream to be removed', MEDIA_TIMEOUT);
      await until(() => !tile.active, 'the tile to let go', MEDIA_TIMEOUT);
      await settle();
      expect(events.of('trtc-stream-removed').map((stream) => stream.userId), 'exactly once').to.deep.equal([
        who === 'host' ? 'host' : 'viewer',
      ]);
      expect(part(tile, 'placeholder')!.checkVisibility(), 'the placeholder is back').to.equal(true);
      expect(videoIn(tile), 'no player left in the tile').to.equal(null);
      expect(tile.hasAttribute('stream-user-id')).to.equal(false);
      expect(events.of('trtc-error'), 'the one who stayed has nothing to report').to.deep.equal([]);
      expect(watcher.getAttribute('connection-state')).to.equal('joined');
      await expectAccessible(tile);
    });
  }

  it('signalling lost: the status says it is reconnecting, and the room carries on when it is back', async () => {
    const roomId = freshRoomId();
    const viewerSdk = new ControlledLoopback();
    stage.mount(html`${hostRoom(roomId)}${viewerRoom(roomId, { sdk: viewerSdk.sdk })}`);
    const viewer = stage.room('viewer');
    await expectFrames(tileOf(viewer), "the host's camera in the viewer's tile");
    await click(buttonOf(viewer));
    await reachesCoAnchor(viewer, 'live', 'the viewer to go live');
    const events = new EventRecord(viewer);

    loopbackTesting.loseSignal(viewerSdk.client('viewer'));
    await reaches(viewer, 'reconnecting');
    await viewer.updateComplete;
    expect(statusOf(viewer)).to.deep.equal({ text: 'Connection lost. Reconnecting…', visible: true });
    const button = buttonOf(viewer);
    expect(button.getAttribute('aria-disabled'), 'whoever is live can still step down').to.equal('false');
    await expectAccessible(viewer);

    loopbackTesting.restoreSignal(viewerSdk.client('viewer'));
    await reaches(viewer, 'joined');
    await viewer.updateComplete;
    expect(statusOf(viewer).text).to.equal('');
    expect(viewer.getAttribute('co-anchor-state')).to.equal('live');
    await expectFrames(tileOf(viewer), "the host's camera after reconnecting");
    expect(events.of('trtc-error')).to.deep.equal([]);
  });

  it('signalling not back in time: connection-lost, failed, and the camera released', async () => {
    loopbackTesting.configure({ reconnectTimeoutMs: 300 });
    stage.onTearDown(() => loopbackTesting.configure());
    const roomId = freshRoomId();
    const viewerSdk = new ControlledLoopback();
    stage.mount(html`${hostRoom(roomId)}${viewerRoom(roomId, { sdk: viewerSdk.sdk })}`);
    const viewer = stage.room('viewer');
    await expectFrames(tileOf(viewer), "the host's camera in the viewer's tile");
    await click(buttonOf(viewer));
    await reachesCoAnchor(viewer, 'live', 'the viewer to go live');
    const camera = tracksOf(videoIn(previewOf(viewer)));
    const events = new EventRecord(viewer);

    loopbackTesting.loseSignal(viewerSdk.client('viewer'));
    await reaches(viewer, 'failed');
    await settle();
    expect(events.of('trtc-error').map((error) => error.code), 'reported once').to.deep.equal(['connection-lost']);
    expect(camera.map((track) => track.readyState), 'the camera and microphone released').to.deep.equal(camera.map(() => 'ended'));
    expect(viewer.getAttribute('co-anchor-state')).to.equal('idle');
    expect(tileOf(viewer).active).to.equal(false);
    expect(statusOf(viewer)).to.deep.equal({ text: 'The connection to the room was lost.', visible: true });
    await expectAccessible(viewer);
  });

  for (const [lang, label, activate] of [
    ['en', 'Click to play', 'a click'],
    ['zh-CN', '点击播放', 'the keyboard'],
  ] as const) {
    it(`${lang}: autoplay blocked: a play button, trtc-autoplay-blocked once, and ${activate} on it resumes`, async () => {
      const policy = blockUnmutedAutoplayUntilGesture(stage);
      const roomId = freshRoomId();
      stage.mount(html`${hostRoom(roomId)}${viewerRoom(roomId, { lang })}`);
      const viewer = stage.room('viewer');
      const events = new EventRecord(viewer);
      const tile = tileOf(viewer);
      await until(() => part(tile, 'play-button') !== null, 'the play button', MEDIA_TIMEOUT);
      const play = part(tile, 'play-button') as HTMLButtonElement;
      expect(play.textContent).to.equal(label);
      expect(play.checkVisibility(), 'the play button is visible').to.equal(true);
      expect(policy.refused()).to.be.greaterThan(0);
      expect(viewer.state.remoteStreams[0]).to.include({ userId: 'host', autoplayBlocked: true });
      await expectAccessible(tile);
      await settle();
      expect(events.of('trtc-autoplay-blocked').map((stream) => stream.userId), 'reported once').to.deep.equal(['host']);

      if (activate === 'a click') {
        await click(play);
      } else {
        play.focus();
        await sendKeys({ press: 'Enter' });
      }
      await until(() => part(tile, 'play-button') === null, 'the play button to go', MEDIA_TIMEOUT);
      const video = await expectFrames(tile, "the host's camera after resuming");
      const audio = video.parentElement!.querySelector('audio')!;
      await until(() => !audio.paused, 'the sound to play');
      expect(viewer.state.remoteStreams[0]).to.include({ autoplayBlocked: false, playing: true });
      await settle();
      expect(events.of('trtc-autoplay-blocked'), 'not reported again').to.have.length(1);
      expect(events.of('trtc-error')).to.deep.equal([]);
      await expectAccessible(tile);
    });
  }
});
