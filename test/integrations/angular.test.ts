/**
 * Angular compiled in the browser (JIT with @angular/compiler, no CLI), zoneless change detection,
 * and CUSTOM_ELEMENTS_SCHEMA so the `trtc-*` tags are left to the browser. `[x]` binds a property,
 * `[attr.x]` an attribute (text: `false` arrives as "false"), `(trtc-…)` listens to an event.
 */
import '@angular/compiler';
import {
  type ApplicationRef,
  Component,
  CUSTOM_ELEMENTS_SCHEMA,
  provideZonelessChangeDetection,
  signal,
  type Type,
} from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { LiveRoomState, TrtcLiveRoomElement, TrtcRemoteStreamElement } from '../../src/index.js';
import { requireMediaCapture, requireVideoFrameCallback, requireWebRTC } from '../helpers/features.js';
import { liveCapturedTracks, openPeerConnections, watchMediaResources } from '../helpers/leaks.js';
import { framesRendered, until } from '../helpers/media.js';
import { freshRoomId, loopbackSdk, reachesState, room, RoomEvents, SDK_APP_ID, settle } from './framework-room.js';
import { ControlledLoopback } from '../helpers/controlled-loopback.js';

const APP_TAG = 'integration-app';

let app: ApplicationRef | undefined;
let host: HTMLElement | undefined;

async function bootstrap<T>(component: Type<T>): Promise<{ root: HTMLElement; instance: T }> {
  host = document.createElement(APP_TAG);
  document.body.append(host);
  app = await bootstrapApplication(component, { providers: [provideZonelessChangeDetection()] });
  await app.whenStable();
  return { root: host, instance: app.components[0]!.instance as T };
}

@Component({
  selector: APP_TAG,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <trtc-live-room id="host" [sdk]="sdk" [attr.sdk-app-id]="sdkAppId" [attr.room-id]="roomId" user-id="host"
        user-role="anchor" auto-publish [userSig]="userSig"
        (trtc-state-change)="hostEvents.onStateChange($event)" (trtc-error)="hostEvents.onError($event)">
      <trtc-local-stream></trtc-local-stream>
    </trtc-live-room>
    <trtc-live-room id="viewer" backend="loopback" [sdkAppId]="sdkAppId" [roomId]="roomId" user-id="viewer"
        [userSig]="userSig"
        (trtc-state-change)="viewerEvents.onStateChange($event)" (trtc-error)="viewerEvents.onError($event)">
      <trtc-remote-stream user-id="host"></trtc-remote-stream>
    </trtc-live-room>
  `,
})
class HostAndViewer {
  readonly sdk = loopbackSdk;
  readonly sdkAppId = SDK_APP_ID;
  readonly roomId = freshRoomId('ng');
  readonly userSig = 'made-on-the-server';
  readonly hostEvents = new RoomEvents();
  readonly viewerEvents = new RoomEvents();
}

@Component({
  selector: APP_TAG,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <trtc-live-room backend="loopback" sdk-app-id="1400000000" room-id="0" user-id="viewer" [userSig]="'sig'"
        (trtc-state-change)="events.onStateChange($event)" (trtc-error)="events.onError($event)"></trtc-live-room>
  `,
})
class BadRoomId {
  readonly events = new RoomEvents();
}

@Component({
  selector: APP_TAG,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <trtc-live-room backend="loopback" [sdkAppId]="sdkAppId" [roomId]="roomId" user-id="anchor" user-role="anchor"
        [manual]="false" [attr.auto-publish]="false" [userSig]="'sig'"></trtc-live-room>
  `,
})
class BooleansBoundToFalse {
  readonly sdkAppId = SDK_APP_ID;
  readonly roomId = freshRoomId('ng');
}

@Component({
  selector: APP_TAG,
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    @if (show()) {
      <trtc-live-room id="host" backend="loopback" [sdkAppId]="sdkAppId" [roomId]="roomId" user-id="host"
          user-role="anchor" auto-publish [userSig]="'sig'"></trtc-live-room>
      @if (viewerShown()) {
        <trtc-live-room id="viewer" [sdk]="held.sdk" [sdkAppId]="sdkAppId" [roomId]="roomId" user-id="viewer"
            [userSig]="'sig'" (trtc-state-change)="onViewerState($event)">
          <trtc-remote-stream></trtc-remote-stream>
        </trtc-live-room>
      }
    }
  `,
})
class RemovedMidJoin {
  readonly sdkAppId = SDK_APP_ID;
  readonly roomId = freshRoomId('ng');
  readonly show = signal(true);
  readonly viewerShown = signal(false);
  readonly viewerEvents = new RoomEvents();
  // The viewer's join waits for the test, so the removal certainly lands in the middle of it.
  readonly held = new ControlledLoopback();
  viewer: TrtcLiveRoomElement | undefined;

  onViewerState(event: CustomEvent<LiveRoomState>): void {
    this.viewer = event.currentTarget as TrtcLiveRoomElement;
    this.viewerEvents.onStateChange(event);
  }
}

describe('Angular (JIT, zoneless, CUSTOM_ELEMENTS_SCHEMA)', () => {
  before(() => watchMediaResources());

  afterEach(async () => {
    const rooms = [...(host?.querySelectorAll('trtc-live-room') ?? [])] as TrtcLiveRoomElement[];
    app?.destroy();
    host?.remove();
    app = undefined;
    host = undefined;
    await Promise.all(rooms.map((element) => element.leave()));
  });

  it('binds attributes, [userSig], an object property and listeners; the viewer sees the host', async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    const { root, instance } = await bootstrap(HostAndViewer);
    const hostRoom = room(root, '#host');
    const viewer = room(root, '#viewer');

    expect(hostRoom.sdk, 'object bound as a property').to.equal(loopbackSdk);
    expect(hostRoom.getAttribute('room-id'), '[attr.room-id]').to.equal(instance.roomId);
    expect(hostRoom.roomId).to.equal(instance.roomId);
    expect(viewer.hasAttribute('room-id'), '[roomId] sets the property only').to.equal(false);
    expect(viewer.roomId).to.equal(instance.roomId);
    expect(hostRoom.autoPublish).to.equal(true);
    for (const element of [hostRoom, viewer]) {
      expect(element.userSig, 'userSig set as a property').to.equal('made-on-the-server');
      expect(element.hasAttribute('user-sig'), 'the signature never becomes an attribute').to.equal(false);
    }

    await until(() => hostRoom.state.localStream !== null, 'the host to publish', 15000);
    await reachesState(viewer, 'joined', 'the viewer');
    const remote = viewer.querySelector('trtc-remote-stream') as TrtcRemoteStreamElement;
    const video = () => remote.shadowRoot?.querySelector('[part~="video"] video') as HTMLVideoElement | null;
    await until(() => remote.active && video() !== null, "the host's stream in the viewer", 15000);
    await framesRendered(video()!);

    expect(instance.hostEvents.connectionStates()).to.include.members(['joining', 'joined']);
    expect(instance.viewerEvents.connectionStates()).to.include.members(['joining', 'joined']);
    expect(instance.hostEvents.states.at(-1)).to.equal(hostRoom.state);
    expect([...instance.hostEvents.errors, ...instance.viewerEvents.errors]).to.deep.equal([]);
  });

  it('reports a bad `room-id` to `(trtc-error)` exactly once, as invalid-config', async () => {
    const { root, instance } = await bootstrap(BadRoomId);
    const element = room(root, 'trtc-live-room');
    await reachesState(element, 'failed', 'the room');
    await settle();
    expect(instance.events.errors).to.have.length(1);
    expect(instance.events.errors[0]).to.include({ code: 'invalid-config', field: 'room-id', recoverable: false });
    expect(instance.events.connectionStates().at(-1)).to.equal('failed');
  });

  it('joins with [manual]="false" and does not publish with [attr.auto-publish]="false"', async function () {
    requireWebRTC(this);
    const { root } = await bootstrap(BooleansBoundToFalse);
    const element = room(root, 'trtc-live-room');
    expect(element.manual).to.equal(false);
    expect(element.getAttribute('auto-publish'), 'an attribute binding writes text').to.equal('false');
    expect(element.autoPublish).to.equal(false);
    await reachesState(element, 'joined', 'the room');
    await settle();
    expect(element.state.localStream).to.equal(null);
    expect(element.coAnchorState).to.equal('idle');
    expect(liveCapturedTracks(), 'camera or microphone opened').to.deep.equal([]);
  });

  it('removed by @if in the middle of joining, leaves nothing behind', async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    const { root, instance } = await bootstrap(RemovedMidJoin);
    const hostRoom = room(root, '#host');
    await until(() => hostRoom.state.localStream !== null, 'the host to publish', 15000);
    expect(liveCapturedTracks().length, 'the host captures').to.be.greaterThan(0);

    instance.held.hold('join');
    instance.viewerShown.set(true);
    await instance.held.started('join');
    const viewer = instance.viewer!;
    instance.show.set(false);
    await until(() => !root.querySelector('trtc-live-room'), '@if to remove both rooms');
    instance.held.release('join');
    expect(instance.viewerEvents.connectionStates()).to.include('joining');

    await reachesState(viewer, 'left', 'the removed viewer');
    await reachesState(hostRoom, 'left', 'the removed host');
    await until(() => liveCapturedTracks().length === 0, 'every captured track to stop');
    await until(() => openPeerConnections().length === 0, 'every peer connection to close');
    expect(instance.viewerEvents.connectionStates(), 'the removed viewer never reports joined').not.to.include('joined');
    expect(viewer.state.remoteStreams).to.deep.equal([]);
    expect(hostRoom.state.localStream).to.equal(null);
  });
});
