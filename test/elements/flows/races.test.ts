/**
 * Races a page and its user start without meaning to: a double click, leaving or being removed
 * while joining, stopping while going live, new settings while joined. Joins and SDK steps are
 * held open by the test (ControlledLoopback) so each race happens for certain, in every engine.
 * Each ends in a consistent state, and the stage's tear-down proves that nothing leaked.
 */
import { expect } from '@open-wc/testing';
import type { TrtcLiveRoomElement, TrtcRemoteStreamElement } from '../../../src/index.js';
import { liveCapturedTracks, openPeerConnections } from '../../helpers/leaks.js';
import { until } from '../../helpers/media.js';
import {
  click,
  atEachClick,
  clickDetails,
  doubleClick,
  countCaptures,
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
  settle,
  SIGNATURE,
  mediaStage,
  statusOf,
  tracksOf,
  videoIn,
  expectAccessible,
} from './flow-fixture.js';
import { ControlledLoopback } from '../../helpers/controlled-loopback.js';

function hostRoom(roomId: string, id = 'host', userId = 'host') {
  return html`
    <trtc-live-room id=${id} backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id=${userId}
        user-role="anchor" auto-publish .userSig=${SIGNATURE}>
      <trtc-remote-stream></trtc-remote-stream>
      <trtc-local-stream></trtc-local-stream>
    </trtc-live-room>
  `;
}

function viewerRoom(roomId: string, sdk: ControlledLoopback['sdk'], userId = 'viewer') {
  return html`
    <trtc-live-room id="viewer" .sdk=${sdk} sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id=${userId} .userSig=${SIGNATURE}>
      <trtc-remote-stream></trtc-remote-stream>
      <trtc-local-stream></trtc-local-stream>
      <trtc-co-anchor-button></trtc-co-anchor-button>
    </trtc-live-room>
  `;
}

function tileOf(room: TrtcLiveRoomElement): TrtcRemoteStreamElement {
  return room.querySelector<TrtcRemoteStreamElement>('trtc-remote-stream')!;
}

function buttonOf(room: TrtcLiveRoomElement): HTMLButtonElement {
  return nativeButton(room.querySelector('trtc-co-anchor-button')!);
}

describe('races in a live room, ending consistent with nothing leaked', function () {
  this.timeout(60000);
  const stage = mediaStage();
  let loopback: ControlledLoopback;

  beforeEach(() => {
    loopback = new ControlledLoopback();
  });

  /** A host on air and a viewer watching it; the viewer's room runs on `loopback`. */
  async function watching(roomId = freshRoomId()) {
    stage.mount(html`${hostRoom(roomId)}${viewerRoom(roomId, loopback.sdk)}`);
    const host = stage.room('host');
    const viewer = stage.room('viewer');
    await expectFrames(tileOf(viewer), "the host's camera in the viewer's tile");
    return { roomId, host, viewer };
  }

  it('a double click goes live once: one capture, one stream for the host', async () => {
    const { host, viewer } = await watching();
    const captures = countCaptures(stage);
    const hostEvents = new EventRecord(host);
    const viewerEvents = new EventRecord(viewer);
    const button = buttonOf(viewer);
    // The first click is certainly still going live when the second lands.
    loopback.hold('switchRole');
    await click(button);
    await loopback.started('switchRole');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    await click(button);
    loopback.release('switchRole');
    await reachesCoAnchor(viewer, 'live', 'the viewer to go live');
    await expectFrames(tileOf(host), "the viewer's camera in the host's tile");
    await settle();
    expect(viewer.getAttribute('co-anchor-state'), 'the second click did not stop it again').to.equal('live');
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    expect(captures(), 'the camera was opened once').to.equal(1);
    expect(loopback.calls('switchRole')).to.equal(1);
    expect(loopback.calls('publish')).to.equal(1);
    expect(liveCapturedTracks(), "the host's and the viewer's camera and microphone").to.have.length(4);
    expect(hostEvents.of('trtc-stream-added').map((stream) => stream.userId)).to.deep.equal(['viewer']);
    expect(viewerEvents.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal(['starting', 'live']);
    expect(viewerEvents.of('trtc-error')).to.deep.equal([]);
  });

  it('a double click while live leaves the stage once', async () => {
    const { host, viewer } = await watching();
    const button = buttonOf(viewer);
    await click(button);
    await expectFrames(tileOf(host), "the viewer's camera in the host's tile");
    const viewerEvents = new EventRecord(viewer);
    loopback.hold('unpublish');
    await click(button);
    await loopback.started('unpublish');
    expect(button.textContent!.trim()).to.equal('Leaving stage…');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    await expectAccessible(viewer);
    await click(button);
    loopback.release('unpublish');
    await reachesCoAnchor(viewer, 'idle', 'the viewer to leave the stage');
    await settle();
    expect(viewerEvents.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal(['stopping', 'idle']);
    expect(loopback.calls('unpublish')).to.equal(1);
    expect(loopback.calls('publish'), 'not back on stage').to.equal(1);
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    await until(() => liveCapturedTracks().length === 2, "only the host's camera and microphone on");
    await until(() => !tileOf(host).active, "the viewer's tile in the host's room to empty", MEDIA_TIMEOUT);
  });

  /**
   * A person's double click on the viewer's button, the clicks 120 ms apart; returns the
   * co-anchor state each click found.
   */
  async function humanDoubleClick(viewer: TrtcLiveRoomElement) {
    const button = buttonOf(viewer);
    const details = clickDetails(button);
    const found = atEachClick(button, () => viewer.getAttribute('co-anchor-state'));
    await doubleClick(button, 120);
    await settle();
    expect(details, 'the browser counted the clicks as a double click').to.deep.equal([1, 2]);
    return found;
  }

  it('a human double click on "Go live" (120 ms apart) goes live once', async () => {
    const { host, viewer } = await watching();
    const captures = countCaptures(stage);
    const viewerEvents = new EventRecord(viewer);
    await humanDoubleClick(viewer);
    await reachesCoAnchor(viewer, 'live', 'the viewer to go live');
    await expectFrames(tileOf(host), "the viewer's camera in the host's tile");
    await settle();
    expect(viewer.getAttribute('co-anchor-state'), 'the second click did not take the viewer off stage').to.equal('live');
    expect(viewerEvents.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal(['starting', 'live']);
    expect(loopback.calls('unpublish')).to.equal(0);
    expect(captures(), 'the camera was opened once').to.equal(1);
    expect(buttonOf(viewer).getAttribute('aria-pressed')).to.equal('true');
  });

  it('a human double click on "Leave stage", the second click after stopping finished, does not go back on stage', async () => {
    const { host, viewer } = await watching();
    await click(buttonOf(viewer));
    await expectFrames(tileOf(host), "the viewer's camera in the host's tile");
    const captures = countCaptures(stage);
    const viewerEvents = new EventRecord(viewer);
    const found = await humanDoubleClick(viewer);
    expect(found, 'the first click found the viewer live, the second off stage again').to.deep.equal(['live', 'idle']);
    await settle();
    expect(viewer.getAttribute('co-anchor-state'), 'not back on stage').to.equal('idle');
    expect(viewerEvents.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal(['stopping', 'idle']);
    expect(captures(), 'the camera was not opened again').to.equal(0);
    expect(loopback.calls('publish'), 'published only the first time').to.equal(1);
    expect(buttonOf(viewer).getAttribute('aria-pressed')).to.equal('false');
    await until(() => liveCapturedTracks().length === 2, "only the host's camera and microphone on");
    await until(() => !tileOf(host).active, "the viewer's tile in the host's room to empty", MEDIA_TIMEOUT);
  });

  it('leave() during join(): ends left, never joined, with nothing left behind', async () => {
    const roomId = freshRoomId();
    loopback.hold('join');
    stage.mount(html`${hostRoom(roomId)}${viewerRoom(roomId, loopback.sdk)}`);
    const host = stage.room('host');
    const viewer = stage.room('viewer');
    const viewerEvents = new EventRecord(viewer);
    await loopback.started('join');
    await viewer.updateComplete;
    expect(viewer.getAttribute('connection-state')).to.equal('joining');
    expect(statusOf(viewer)).to.deep.equal({ text: 'Joining the room…', visible: true });
    await expectAccessible(viewer);

    const leaving = viewer.leave();
    loopback.release('join');
    await leaving;
    expect(viewer.getAttribute('connection-state')).to.equal('left');
    expect(viewerEvents.of('trtc-joined'), 'never reported joined').to.deep.equal([]);
    expect(viewerEvents.of('trtc-left'), 'so never reported left either').to.deep.equal([]);
    expect(viewerEvents.of('trtc-error')).to.deep.equal([]);
    expect(viewer.state.remoteStreams).to.deep.equal([]);
    expect(tileOf(viewer).active).to.equal(false);
    await settle();
    expect(viewer.getAttribute('connection-state'), 'and it stays out').to.equal('left');

    // The host is alone on air: nothing of the viewer is left connected.
    await reachesCoAnchor(host, 'live', 'the host to publish');
    await until(() => openPeerConnections().length === 0, "the viewer's links to close", MEDIA_TIMEOUT);
    await host.leave();
    await expectReleased(stage.pending);
  });

  it('removing the room element mid-join: ends left, never joined, the other room unaffected', async () => {
    const roomId = freshRoomId();
    loopback.hold('join');
    stage.mount(html`${hostRoom(roomId)}${viewerRoom(roomId, loopback.sdk)}`);
    const host = stage.room('host');
    const viewer = stage.room('viewer');
    const viewerEvents = new EventRecord(viewer);
    await loopback.started('join');
    viewer.remove();
    loopback.release('join');
    await reaches(viewer, 'left', 'the removed viewer');
    await settle();
    expect(viewerEvents.of('trtc-joined'), 'never reported joined').to.deep.equal([]);
    expect(viewerEvents.of('trtc-left'), 'so never reported left either').to.deep.equal([]);
    expect(viewer.getAttribute('connection-state')).to.equal('left');
    expect(viewer.state.remoteStreams).to.deep.equal([]);

    // A viewer that stays watches the host as before.
    const other = new ControlledLoopback();
    const later = stage.add(viewerRoom(roomId, other.sdk, 'second_viewer'));
    const second = later.querySelector<TrtcLiveRoomElement>('trtc-live-room')!;
    await expectFrames(tileOf(second), "the host's camera for the next viewer");
    expect(host.getAttribute('co-anchor-state')).to.equal('live');
  });

  it('removing the room while the camera prompt is unanswered: left at once, the late camera closed', async () => {
    const { host, viewer } = await watching();
    const viewerEvents = new EventRecord(viewer);
    loopback.hold('initialize');
    await click(buttonOf(viewer));
    await loopback.started('initialize');
    expect(viewer.getAttribute('co-anchor-state')).to.equal('starting');
    viewer.remove();
    // The prompt is still unanswered: the room settles without it.
    await reaches(viewer, 'left', 'the removed viewer');
    expect(viewer.getAttribute('co-anchor-state')).to.equal('idle');
    expect(viewerEvents.of('trtc-error')).to.deep.equal([]);
    loopback.release('initialize');
    await until(() => liveCapturedTracks().length === 2, "only the host's camera and microphone on", MEDIA_TIMEOUT);
    expect(loopback.calls('publish'), 'never went on stage').to.equal(0);
    expect(host.getAttribute('co-anchor-state')).to.equal('live');
  });

  it('stopCoAnchor() during startCoAnchor(): ends off stage with the camera off and the role back', async () => {
    const { host, viewer } = await watching();
    const viewerEvents = new EventRecord(viewer);
    const hostEvents = new EventRecord(host);
    loopback.hold('publish');
    const button = buttonOf(viewer);
    await click(button);
    await loopback.started('publish');
    // Going live, the preview already on: the busy state is announced and the button stays usable.
    await until(() => button.getAttribute('aria-busy') === 'true', 'the busy state');
    expect(button.textContent!.trim()).to.equal('Going live…');
    expect(viewer.getAttribute('co-anchor-state')).to.equal('starting');
    await until(() => viewer.querySelector('trtc-local-stream')!.active, 'the preview while starting');
    await expectAccessible(viewer);
    const camera = tracksOf(videoIn(viewer.querySelector('trtc-local-stream')!));
    expect(camera.length).to.be.greaterThan(0);

    const stopping = viewer.stopCoAnchor();
    loopback.release('publish');
    await stopping;
    expect(viewer.getAttribute('co-anchor-state')).to.equal('idle');
    expect(viewer.state.role).to.equal('audience');
    expect(viewer.state.localStream).to.equal(null);
    expect(camera.map((track) => track.readyState), 'the camera and microphone ended').to.deep.equal(camera.map(() => 'ended'));
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(button.getAttribute('aria-busy')).to.equal('false');
    expect(viewer.querySelector('trtc-local-stream')!.active).to.equal(false);
    expect(viewerEvents.of('trtc-error')).to.deep.equal([]);
    expect(viewerEvents.of('trtc-co-anchor-change').at(-1)?.state).to.equal('idle');
    await until(() => liveCapturedTracks().length === 2, "only the host's camera and microphone on");
    await until(() => !tileOf(host).active, "the host's tile for the viewer to stay empty", MEDIA_TIMEOUT);
    expect(part(tileOf(host), 'placeholder')!.checkVisibility()).to.equal(true);
    // The host noticed nothing but the viewer's stream coming and going: nothing to report.
    await settle();
    expect(hostEvents.of('trtc-error'), 'no error on the host').to.deep.equal([]);
    expect(statusOf(host).text, "the host's status line").to.equal('');
    // The viewer can go live again afterwards.
    await click(button);
    await expectFrames(tileOf(host), "the viewer's camera in the host's tile after all");
  });

  it('a new room-id while joined leaves, then joins the other room and shows its host', async () => {
    const { host, viewer } = await watching();
    const fromFirstHost = tracksOf(videoIn(tileOf(viewer)));
    const otherRoom = freshRoomId();
    stage.add(hostRoom(otherRoom, 'other_host', 'other_host'));
    const otherHost = stage.room('other_host');
    await reachesCoAnchor(otherHost, 'live', 'the other host to publish');

    const viewerEvents = new EventRecord(viewer);
    viewer.setAttribute('room-id', otherRoom);
    await until(() => viewerEvents.of('trtc-joined').length === 1, 'the viewer to join the other room', MEDIA_TIMEOUT);
    expect(viewerEvents.of('trtc-left')).to.deep.equal([{ roomId: host.state.roomId, userId: 'viewer', role: 'audience' }]);
    expect(viewerEvents.of('trtc-joined')).to.deep.equal([{ roomId: otherRoom, userId: 'viewer', role: 'audience' }]);
    expect(viewerEvents.trace().indexOf('trtc-left')).to.be.lessThan(viewerEvents.trace().indexOf('trtc-joined'));
    await until(() => tileOf(viewer).getAttribute('stream-user-id') === 'other_host', 'the other host in the tile', MEDIA_TIMEOUT);
    await expectFrames(tileOf(viewer), "the other host's camera");
    await until(
      () => fromFirstHost.every((track) => track.readyState === 'ended'),
      'what came from the first host to end',
      MEDIA_TIMEOUT,
    );
    expect(viewer.state.remoteStreams.map((stream) => stream.userId)).to.deep.equal(['other_host']);
    expect(viewerEvents.of('trtc-error')).to.deep.equal([]);
  });

  it('a new user-id while live leaves (camera off, gone from the host) and joins again as the new user', async () => {
    const { host, viewer } = await watching();
    await click(buttonOf(viewer));
    await expectFrames(tileOf(host), "the viewer's camera in the host's tile");
    const camera = tracksOf(videoIn(viewer.querySelector('trtc-local-stream')!));
    const viewerEvents = new EventRecord(viewer);
    const hostEvents = new EventRecord(host);

    viewer.userId = 'renamed';
    await until(() => viewerEvents.of('trtc-joined').length === 1, 'the viewer to join again', MEDIA_TIMEOUT);
    expect(viewerEvents.of('trtc-left').map((left) => left.userId)).to.deep.equal(['viewer']);
    expect(viewerEvents.of('trtc-joined').map((joined) => joined.userId)).to.deep.equal(['renamed']);
    expect(camera.map((track) => track.readyState), 'the camera and microphone ended').to.deep.equal(camera.map(() => 'ended'));
    expect(viewer.getAttribute('co-anchor-state'), 'back in the audience').to.equal('idle');
    expect(viewer.state.role).to.equal('audience');
    await until(() => !tileOf(host).active, "the old viewer's tile in the host's room to empty", MEDIA_TIMEOUT);
    expect(hostEvents.of('trtc-stream-removed').map((stream) => stream.userId)).to.deep.equal(['viewer']);
    await expectFrames(tileOf(viewer), "the host's camera for the renamed viewer");
    expect(liveCapturedTracks(), "only the host's camera and microphone").to.have.length(2);

    // The renamed viewer goes live under the new name.
    await click(buttonOf(viewer));
    await until(() => tileOf(host).getAttribute('stream-user-id') === 'renamed', 'the renamed viewer on the host', MEDIA_TIMEOUT);
    await expectFrames(tileOf(host), "the renamed viewer's camera");
  });

  it('a new room-id while joining: the held join is abandoned and the new room joined once', async () => {
    const roomId = freshRoomId();
    loopback.hold('join');
    stage.mount(viewerRoom(roomId, loopback.sdk));
    const viewer = stage.room('viewer');
    const viewerEvents = new EventRecord(viewer);
    await loopback.started('join');
    const otherRoom = freshRoomId();
    viewer.setAttribute('room-id', otherRoom);
    await viewer.updateComplete;
    loopback.release('join');
    await until(() => viewerEvents.of('trtc-joined').length === 1, 'the viewer to join the new room', MEDIA_TIMEOUT);
    await settle();
    expect(viewerEvents.of('trtc-joined')).to.deep.equal([{ roomId: otherRoom, userId: 'viewer', role: 'audience' }]);
    expect(viewerEvents.of('trtc-left'), 'the first room was never reported joined, so not left').to.deep.equal([]);
    expect(viewerEvents.of('trtc-error')).to.deep.equal([]);
    expect(viewer.getAttribute('connection-state')).to.equal('joined');
    expect(viewer.state.roomId).to.equal(otherRoom);
  });
});
