/**
 * Vue 3 from its browser ESM build (template compiler included, no bundler), the way a page
 * without a build step uses it: the elements are defined before the app mounts, and Vue is told
 * that `trtc-*` tags are custom elements, not components to resolve.
 */
import { expect } from '@open-wc/testing';
import { createApp, ref, type App } from 'vue/dist/vue.esm-browser.prod.js';
import '../../src/index.js';
import type { LiveRoomState, TrtcLiveRoomElement, TrtcRemoteStreamElement } from '../../src/index.js';
import { requireMediaCapture, requireVideoFrameCallback, requireWebRTC } from '../helpers/features.js';
import { liveCapturedTracks, openPeerConnections, watchMediaResources } from '../helpers/leaks.js';
import { framesRendered, until } from '../helpers/media.js';
import { freshRoomId, loopbackSdk, reachesState, room, RoomEvents, SDK_APP_ID, settle } from './framework-room.js';
import { ControlledLoopback } from '../helpers/controlled-loopback.js';

let app: App | undefined;
let container: HTMLElement | undefined;

function mount(template: string, setup: () => Record<string, unknown>): HTMLElement {
  container = document.createElement('div');
  document.body.append(container);
  app = createApp({ template, setup });
  app.config.compilerOptions.isCustomElement = (tag: string) => tag.startsWith('trtc-');
  app.mount(container);
  return container;
}

describe('Vue 3 (browser ESM build)', () => {
  before(() => watchMediaResources());

  afterEach(async () => {
    const rooms = [...(container?.querySelectorAll('trtc-live-room') ?? [])] as TrtcLiveRoomElement[];
    app?.unmount();
    container?.remove();
    app = undefined;
    container = undefined;
    await Promise.all(rooms.map((element) => element.leave()));
  });

  it('binds attributes, `.userSig` / `:userSig.prop`, an object property and listeners; the viewer sees the host', async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    const hostEvents = new RoomEvents();
    const viewerEvents = new RoomEvents();
    const root = mount(
      `<trtc-live-room id="host" :sdk="sdk" :sdk-app-id="sdkAppId" :room-id="roomId" user-id="host"
          user-role="anchor" auto-publish .userSig="userSig"
          @trtc-state-change="hostEvents.onStateChange" @trtc-error="hostEvents.onError">
        <trtc-local-stream></trtc-local-stream>
      </trtc-live-room>
      <trtc-live-room id="viewer" backend="loopback" :sdk-app-id="sdkAppId" :room-id="roomId" user-id="viewer"
          :userSig.prop="userSig"
          @trtc-state-change="viewerEvents.onStateChange" @trtc-error="viewerEvents.onError">
        <trtc-remote-stream user-id="host"></trtc-remote-stream>
      </trtc-live-room>`,
      () => ({
        sdk: loopbackSdk,
        sdkAppId: SDK_APP_ID,
        roomId: freshRoomId('vue'),
        userSig: 'made-on-the-server',
        hostEvents,
        viewerEvents,
      }),
    );
    const host = room(root, '#host');
    const viewer = room(root, '#viewer');

    expect(host.sdk, 'object bound as a property').to.equal(loopbackSdk);
    expect(host.sdkAppId).to.equal(SDK_APP_ID);
    expect(host.autoPublish).to.equal(true);
    for (const element of [host, viewer]) {
      expect(element.userSig, 'userSig set as a property').to.equal('made-on-the-server');
      expect(element.hasAttribute('user-sig'), 'the signature never becomes an attribute').to.equal(false);
    }

    await until(() => host.state.localStream !== null, 'the host to publish', 15000);
    await reachesState(viewer, 'joined', 'the viewer');
    const remote = viewer.querySelector('trtc-remote-stream') as TrtcRemoteStreamElement;
    const video = () => remote.shadowRoot?.querySelector('[part~="video"] video') as HTMLVideoElement | null;
    await until(() => remote.active && video() !== null, "the host's stream in the viewer", 15000);
    await framesRendered(video()!);

    expect(hostEvents.connectionStates()).to.include.members(['joining', 'joined']);
    expect(viewerEvents.connectionStates()).to.include.members(['joining', 'joined']);
    expect(hostEvents.states.at(-1)).to.equal(host.state);
    expect([...hostEvents.errors, ...viewerEvents.errors]).to.deep.equal([]);
  });

  it('reports a bad `room-id` to `@trtc-error` exactly once, as invalid-config', async () => {
    const events = new RoomEvents();
    const root = mount(
      `<trtc-live-room backend="loopback" sdk-app-id="1400000000" room-id="0" user-id="viewer" .userSig="'sig'"
          @trtc-state-change="events.onStateChange" @trtc-error="events.onError"></trtc-live-room>`,
      () => ({ events }),
    );
    const element = room(root, 'trtc-live-room');
    await reachesState(element, 'failed', 'the room');
    await settle();
    expect(events.errors).to.have.length(1);
    expect(events.errors[0]).to.include({ code: 'invalid-config', field: 'room-id', recoverable: false });
    expect(events.connectionStates().at(-1)).to.equal('failed');
  });

  it('joins with `manual` bound to false and does not publish with `auto-publish` bound to false', async function () {
    requireWebRTC(this);
    const root = mount(
      `<trtc-live-room backend="loopback" :sdk-app-id="sdkAppId" :room-id="roomId" user-id="anchor"
          user-role="anchor" :manual="false" :auto-publish="false" .userSig="'sig'"></trtc-live-room>`,
      () => ({ sdkAppId: SDK_APP_ID, roomId: freshRoomId('vue') }),
    );
    const element = room(root, 'trtc-live-room');
    expect(element.manual).to.equal(false);
    expect(element.autoPublish).to.equal(false);
    await reachesState(element, 'joined', 'the room');
    await settle();
    expect(element.state.localStream).to.equal(null);
    expect(element.coAnchorState).to.equal('idle');
    expect(liveCapturedTracks(), 'camera or microphone opened').to.deep.equal([]);
  });

  it('removed by v-if in the middle of joining, leaves nothing behind', async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    const viewerEvents = new RoomEvents();
    let viewer: TrtcLiveRoomElement | undefined;
    const show = ref(true);
    const viewerShown = ref(false);
    // The viewer's join waits for the test, so the removal certainly lands in the middle of it.
    const held = new ControlledLoopback();
    held.hold('join');
    const root = mount(
      `<template v-if="show">
        <trtc-live-room id="host" backend="loopback" :sdk-app-id="sdkAppId" :room-id="roomId" user-id="host"
            user-role="anchor" auto-publish .userSig="'sig'"></trtc-live-room>
        <trtc-live-room v-if="viewerShown" id="viewer" :sdk="heldSdk" :sdk-app-id="sdkAppId" :room-id="roomId"
            user-id="viewer" .userSig="'sig'" @trtc-state-change="onViewerState">
          <trtc-remote-stream></trtc-remote-stream>
        </trtc-live-room>
      </template>`,
      () => ({
        sdkAppId: SDK_APP_ID,
        roomId: freshRoomId('vue'),
        show,
        viewerShown,
        heldSdk: held.sdk,
        onViewerState: (event: CustomEvent<LiveRoomState>) => {
          viewer ??= event.currentTarget as TrtcLiveRoomElement;
          viewerEvents.onStateChange(event);
        },
      }),
    );
    const host = room(root, '#host');
    await until(() => host.state.localStream !== null, 'the host to publish', 15000);
    expect(liveCapturedTracks().length, 'the host captures').to.be.greaterThan(0);

    viewerShown.value = true;
    await held.started('join');
    show.value = false;
    await until(() => !root.querySelector('trtc-live-room'), 'v-if to remove both rooms');
    held.release('join');
    expect(viewerEvents.connectionStates()).to.include('joining');

    await reachesState(viewer!, 'left', 'the removed viewer');
    await reachesState(host, 'left', 'the removed host');
    await until(() => liveCapturedTracks().length === 0, 'every captured track to stop');
    await until(() => openPeerConnections().length === 0, 'every peer connection to close');
    expect(viewerEvents.connectionStates(), 'the removed viewer never reports joined').not.to.include('joined');
    expect(viewer!.state.remoteStreams).to.deep.equal([]);
    expect(host.state.localStream).to.equal(null);
  });
});
