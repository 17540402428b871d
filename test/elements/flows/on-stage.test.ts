/**
 * On stage, end to end on the loopback backend (real WebRTC): a viewer checks camera and mic in a
 * preview, goes live with that very capture, mutes and unmutes, and the host sees each change on
 * the viewer's tile. Host and viewer are two `<trtc-live-room>`s in one page.
 */
import { expect } from '@open-wc/testing';
import type {
  TrtcCameraToggleElement,
  TrtcCoAnchorButtonElement,
  TrtcLiveRoomElement,
  TrtcMicToggleElement,
  TrtcNetworkQualityElement,
  TrtcRemoteStreamElement,
} from '../../../src/index.js';
import { loopbackTesting } from '../../../src/backends/loopback/index.js';
import { skipUnless } from '../../helpers/features.js';
import { until } from '../../helpers/media.js';
import {
  click,
  countCaptures,
  tracksOf,
  videoIn,
  EventRecord,
  expectAccessible,
  expectFrames,
  freshRoomId,
  html,
  MEDIA_TIMEOUT,
  mediaStage,
  nativeButton,
  part,
  reaches,
  reachesCoAnchor,
  SDK_APP_ID,
  SIGNATURE,
} from './flow-fixture.js';

function rooms(roomId: string, lang: string) {
  return html`
    <trtc-live-room id="host" lang=${lang} backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="host"
        user-role="anchor" auto-publish .userSig=${SIGNATURE}>
      <trtc-remote-stream></trtc-remote-stream>
    </trtc-live-room>
    <trtc-live-room id="viewer" lang=${lang} backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="viewer"
        .userSig=${SIGNATURE}>
      <trtc-local-stream></trtc-local-stream>
      <trtc-co-anchor-button preview></trtc-co-anchor-button>
      <trtc-mic-toggle></trtc-mic-toggle>
      <trtc-camera-toggle></trtc-camera-toggle>
      <trtc-device-select kind="camera"></trtc-device-select>
      <trtc-network-quality></trtc-network-quality>
    </trtc-live-room>
  `;
}

function child<T extends Element>(room: TrtcLiveRoomElement, tag: string): T {
  const element = room.querySelector<T>(tag);
  if (!element) throw new Error(`no <${tag}> in #${room.id}`);
  return element;
}

describe('on stage on the loopback backend: preview, go live, mute', function () {
  this.timeout(60000);
  const stage = mediaStage();

  for (const lang of ['en', 'zh-CN']) {
    it(`previews, goes live with one capture, and the host sees mutes as attributes and placeholders (${lang})`, async () => {
      const captures = countCaptures(stage);
      stage.mount(rooms(freshRoomId('on-stage'), lang));
      const host = stage.room('host');
      const viewer = stage.room('viewer');
      const viewerEvents = new EventRecord(viewer);
      await reaches(viewer, 'joined');
      await reachesCoAnchor(host, 'live', 'the host to publish');
      const button = nativeButton(child<TrtcCoAnchorButtonElement>(viewer, 'trtc-co-anchor-button'));
      const mic = child<TrtcMicToggleElement>(viewer, 'trtc-mic-toggle');
      const camera = child<TrtcCameraToggleElement>(viewer, 'trtc-camera-toggle');
      expect(nativeButton(mic).getAttribute('aria-disabled'), 'nothing to mute yet').to.equal('true');
      await expectAccessible(viewer);
      const capturesBefore = captures();

      // First press: the preview, not yet live.
      await click(button);
      await reachesCoAnchor(viewer, 'previewing', 'the preview');
      await expectFrames(child(viewer, 'trtc-local-stream'), "the viewer's preview");
      expect(viewer.state.localStream?.published).to.equal(false);
      expect(viewer.state.role).to.equal('audience');
      await until(() => viewer.state.devices.listed, 'the device lists');
      const select = child<HTMLElement>(viewer, 'trtc-device-select');
      await until(() => part(select, 'select')?.hidden === false, 'the camera list');
      await until(() => nativeButton(mic).getAttribute('aria-disabled') === 'false', 'the mic toggle');
      await expectAccessible(viewer);

      // Second press: live with that very capture.
      await click(button);
      await reachesCoAnchor(viewer, 'live', 'the viewer to go live');
      expect(captures() - capturesBefore, 'one getUserMedia for preview and live').to.equal(1);
      await until(() => host.querySelector('trtc-remote-stream')?.getAttribute('stream-user-id') === 'viewer', "the viewer's tile", MEDIA_TIMEOUT);
      const tile = child<TrtcRemoteStreamElement>(host, 'trtc-remote-stream');
      await expectFrames(tile, "the viewer's camera in the host's tile");

      // Mute the mic: the host's tile says so within a second; the viewer is still live.
      await click(nativeButton(mic));
      await until(() => tile.hasAttribute('audio-muted'), 'audio-muted on the host tile', 1000);
      expect(part(tile, 'mic-muted')!.hidden).to.equal(false);
      expect(nativeButton(mic).getAttribute('aria-pressed')).to.equal('true');
      await click(nativeButton(camera));
      await until(() => tile.hasAttribute('video-muted'), 'video-muted on the host tile', 1000);
      expect(part(tile, 'camera-off')!.checkVisibility()).to.equal(true);
      expect(part(tile, 'camera-off')!.textContent).to.contain('viewer');
      expect(viewer.state.localStream).to.include({ published: true, audioMuted: true, videoMuted: true });
      await expectAccessible(viewer);
      await expectAccessible(host);

      await click(nativeButton(mic));
      await click(nativeButton(camera));
      await until(() => !tile.hasAttribute('audio-muted') && !tile.hasAttribute('video-muted'), 'unmuted on the host tile', 1000);
      await expectFrames(tile, "the viewer's camera after unmuting");
      expect(viewerEvents.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal(['previewing', 'starting', 'live']);
      expect(viewerEvents.of('trtc-error')).to.deep.equal([]);
      expect(child<TrtcNetworkQualityElement>(viewer, 'trtc-network-quality').hasAttribute('quality')).to.equal(true);
    });
  }

  /** The viewer live, its tile in the host's room showing frames. */
  async function viewerLive() {
    stage.mount(rooms(freshRoomId('on-stage'), 'en'));
    const host = stage.room('host');
    const viewer = stage.room('viewer');
    await reaches(viewer, 'joined');
    await reachesCoAnchor(host, 'live', 'the host to publish');
    await viewer.startCoAnchor();
    await reachesCoAnchor(viewer, 'live', 'the viewer to go live');
    await until(() => host.querySelector('trtc-remote-stream')?.getAttribute('stream-user-id') === 'viewer', "the viewer's tile", MEDIA_TIMEOUT);
    const tile = child<TrtcRemoteStreamElement>(host, 'trtc-remote-stream');
    await expectFrames(tile, "the viewer's camera in the host's tile");
    const preview = child<HTMLElement & { active: boolean }>(viewer, 'trtc-local-stream');
    await expectFrames(preview, "the viewer's preview");
    const cameraTrack = () => tracksOf(videoIn(preview)).find((track) => track.kind === 'video');
    return { host, viewer, tile, cameraTrack };
  }

  it('switching the camera while live keeps the host receiving frames, from the new camera', async function () {
    const { viewer, tile, cameraTrack } = await viewerLive();
    await until(() => viewer.state.devices.cameras.length > 0, 'the camera list');
    const cameras = viewer.state.devices.cameras;
    skipUnless(this, cameras.length >= 2, 'a second camera to switch to');
    const before = cameraTrack()!;
    // The last one: Chromium's second fake camera is a depth camera, which WebRTC cannot send.
    const other = [...cameras].reverse().find((camera) => camera.deviceId !== viewer.state.devices.cameraId)!;
    const select = part(child(viewer, 'trtc-device-select'), 'select') as HTMLSelectElement;
    await until(() => !select.hidden, 'the camera list to show');
    select.value = other.deviceId;
    select.dispatchEvent(new Event('change'));
    await until(() => viewer.state.devices.cameraId === other.deviceId, 'the switch');
    await until(() => cameraTrack() !== undefined && cameraTrack() !== before, 'the preview on the new camera', MEDIA_TIMEOUT);
    expect(cameraTrack()!.label).to.equal(other.label);
    expect(cameraTrack()!.label).to.not.equal(before.label);
    expect(before.readyState, 'the old camera closed').to.equal('ended');
    expect(select.value).to.equal(other.deviceId);
    expect(viewer.coAnchorState).to.equal('live');
    await expectFrames(tile, "the host's tile after the switch");
    await expectAccessible(viewer);
  });

  it('the camera in use unplugged: the room falls back to the default and says so, or says none is left; still live', async () => {
    const { viewer, tile, cameraTrack } = await viewerLive();
    const cameras = viewer.state.devices.cameras;
    // On the last camera first: what the room falls back to is the default (the first), which
    // WebRTC can send (Chromium's second fake camera is a depth camera it cannot).
    const [fallback] = cameras;
    await viewer.selectDevice('camera', cameras.at(-1)!.deviceId);
    const events = new EventRecord(viewer, ['trtc-device-change', 'trtc-error']);
    const lost = viewer.state.devices.cameraId!;
    const before = cameraTrack()!;
    try {
      loopbackTesting.unplugDevice(lost);
      await until(() => events.of('trtc-device-change').some((change) => change.reason === 'lost'), 'trtc-device-change', MEDIA_TIMEOUT);
      const lostChanges = events.of('trtc-device-change').filter((detail) => detail.reason === 'lost');
      expect(lostChanges, 'said once').to.have.length(1);
      expect(lostChanges[0]).to.include({ kind: 'camera', lostDeviceId: lost });
      expect(viewer.state.devices.cameras.map((camera) => camera.deviceId), 'the list without it').to.not.include(lost);
      expect(viewer.coAnchorState, 'still live').to.equal('live');
      if (cameras.length > 1) {
        expect(lostChanges[0].deviceId).to.equal(fallback.deviceId);
        expect(viewer.state.devices.cameraId).to.equal(fallback.deviceId);
        await until(() => cameraTrack() !== before, 'the preview on the fallback camera', MEDIA_TIMEOUT);
        await expectFrames(tile, "the host's tile after the fallback");
        expect(events.of('trtc-error')).to.deep.equal([]);
      } else {
        // The only camera went away: nothing can take its place, and the viewer is told.
        expect(lostChanges[0].deviceId).to.equal(null);
        await until(() => events.of('trtc-error').length > 0, 'the error', MEDIA_TIMEOUT);
        expect(events.of('trtc-error').map((error) => error.code)).to.deep.equal(['device-not-found']);
      }
    } finally {
      loopbackTesting.replugDevices();
    }
  });

  it("speaking lights the host's tile for the viewer's audio and goes off on mute; the network bars leave unknown", async () => {
    const { host, viewer, tile } = await viewerLive();
    await until(() => tile.hasAttribute('speaking'), "speaking on the host's tile", MEDIA_TIMEOUT);
    expect(host.state.remoteStreams.find((stream) => stream.userId === 'viewer')?.speaking).to.equal(true);
    await viewer.setMicrophoneEnabled(false);
    await until(() => tile.hasAttribute('audio-muted') && !tile.hasAttribute('speaking'), 'muted and not speaking', MEDIA_TIMEOUT);
    const bars = child<TrtcNetworkQualityElement>(viewer, 'trtc-network-quality');
    await until(() => bars.getAttribute('quality') !== 'unknown', 'the network bars to leave unknown', MEDIA_TIMEOUT);
    expect(['excellent', 'good', 'poor', 'bad', 'very-bad', 'down']).to.include(bars.getAttribute('quality'));
    await expectAccessible(viewer);
  });

  it('a preview before joining is released by leave()', async () => {
    stage.mount(html`<trtc-live-room id="viewer" manual backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${freshRoomId('pre')} user-id="viewer"
        .userSig=${SIGNATURE}><trtc-local-stream></trtc-local-stream></trtc-live-room>`);
    const viewer = stage.room('viewer');
    await viewer.startPreview();
    expect(viewer.getAttribute('co-anchor-state')).to.equal('previewing');
    expect(viewer.getAttribute('connection-state')).to.equal('idle');
    await expectFrames(child(viewer, 'trtc-local-stream'), 'the pre-join preview');
    await viewer.leave();
    expect(viewer.getAttribute('co-anchor-state')).to.equal('idle');
    expect(viewer.state.localStream).to.equal(null);
  });
});
