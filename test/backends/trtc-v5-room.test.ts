/**
 * `<trtc-live-room backend="trtc-v5">` with valid-looking settings, offline: the same markup as
 * on v4, running the same controller on the v5 SDK. Tencent Cloud cannot be reached (the harness
 * sinks every non-loopback host), so the join fails: the room must say so once, show it, keep
 * v5's code as sdkCode, and hold on to nothing.
 */
import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import '../../src/index.js';
import type { TrtcLiveRoomElement } from '../../src/index.js';
import { TrtcErrorCode } from '../../src/backends/error-codes.js';
import { V5Client } from '../../src/backends/trtc-v5/client.js';
import { features } from '../helpers/features.js';
import { liveCapturedTracks, openPeerConnections, watchMediaResources } from '../helpers/leaks.js';
import { until } from '../helpers/media.js';
import { EventRecord, expectAccessible, nativeButton, part, settle, statusOf } from '../elements/flows/flow-fixture.js';

const SECRET = 'eJyrVgrxCdZLLCjIzEtXslIqzs9JTVEC-v5-looking-SECRET';

const SHOWN = {
  en: 'Could not join the room. Check your connection and try again.',
  'zh-CN': '进入房间失败，请检查网络后重试。',
} as const;

describe('<trtc-live-room backend="trtc-v5">, offline', function () {
  this.timeout(90000);
  let container: HTMLElement;
  /** Handlers the room registered on each v5 client, by event, and never took off. */
  const listening = new Map<V5Client, Map<unknown, Set<unknown>>>();
  const handlersLeft = () =>
    [...listening.values()].flatMap((byEvent) => [...byEvent].filter(([, handlers]) => handlers.size > 0).map(([event]) => String(event)));
  const { on, off } = V5Client.prototype;

  before(() => {
    watchMediaResources();
    // Count what the room registers on the clients (the same module the room's chunk loads).
    V5Client.prototype.on = function (this: V5Client, event: never, handler: never) {
      const byEvent = listening.get(this) ?? new Map<unknown, Set<unknown>>();
      listening.set(this, byEvent.set(event, (byEvent.get(event) ?? new Set()).add(handler)));
      on.call(this, event, handler);
    };
    V5Client.prototype.off = function (this: V5Client, event: never, handler: never) {
      listening.get(this)?.get(event)?.delete(handler);
      off.call(this, event, handler);
    };
  });

  after(() => {
    Object.assign(V5Client.prototype, { on, off });
  });

  beforeEach(() => {
    container = document.createElement('div');
    container.style.width = '640px';
    document.body.append(container);
    listening.clear();
  });

  afterEach(async () => {
    const rooms = [...container.querySelectorAll('trtc-live-room')];
    container.remove();
    await Promise.all(rooms.map((room) => room.leave()));
  });

  for (const [lang, role, roomId] of [
    ['en', 'audience', '8888'],
    ['zh-CN', 'anchor', 'v5_string_room'],
  ] as const) {
    it(`${lang}, as ${role} in room "${roomId}": fails with join-failed, says so, and releases everything`, async () => {
      render(
        html`<trtc-live-room backend="trtc-v5" lang=${lang} sdk-app-id="1400000000" room-id=${roomId} user-id="v5_viewer"
            user-role=${role} ?auto-publish=${role === 'anchor'} .userSig=${SECRET}>
          <trtc-remote-stream></trtc-remote-stream>
          <trtc-local-stream></trtc-local-stream>
          <trtc-co-anchor-button></trtc-co-anchor-button>
        </trtc-live-room>`,
        container,
      );
      const room = container.querySelector<TrtcLiveRoomElement>('trtc-live-room')!;
      const events = new EventRecord(room);
      await until(() => room.getAttribute('connection-state') === 'failed', 'the join to fail', 60000);
      await settle();
      await room.updateComplete;

      const errors = events.of('trtc-error');
      expect(errors, 'exactly one trtc-error').to.have.length(1);
      if (features.webRTC()) {
        expect(errors[0].code).to.equal('join-failed');
        // Recorded offline with v5.17.1: enterRoom fails with OPERATION_FAILED around a schedule failure.
        expect(errors[0].sdkCode).to.equal(TrtcErrorCode.SCHEDULE_FAILED);
        expect(statusOf(room)).to.deep.equal({ text: SHOWN[lang], visible: true });
        expect(listening.size, 'one v5 client made').to.equal(1);
        expect([...listening.values()][0].size, 'the room listened to it').to.be.greaterThan(5);
      } else {
        expect(errors[0].code).to.equal('unsupported-browser');
        expect(listening.size, 'no client without WebRTC').to.equal(0);
      }
      expect(events.trace()).to.deep.equal(['trtc-error']);
      expect(part(room, 'status')!.classList.contains('error')).to.equal(true);
      expect(room.getAttribute('co-anchor-state')).to.equal('idle');
      expect(nativeButton(room.querySelector('trtc-co-anchor-button')!).getAttribute('aria-disabled')).to.equal('true');
      await expectAccessible(room);

      expect(liveCapturedTracks(), 'camera and microphone').to.have.length(0);
      expect(openPeerConnections(), 'peer connections').to.have.length(0);
      expect(handlersLeft(), 'listeners left on the v5 client').to.deep.equal([]);
      expect(room.state.remoteStreams).to.deep.equal([]);
      expect(room.state.localStream).to.equal(null);
      expect(JSON.stringify(events.events), 'the signature in an event').not.to.include(SECRET);
      expect(room.outerHTML + room.shadowRoot!.innerHTML, 'the signature in the page').not.to.include(SECRET);
      await settle();
      expect(room.getAttribute('connection-state'), 'it does not retry on its own').to.equal('failed');
    });
  }

  it('in a browser without WebRTC, says unsupported-browser once and makes no v5 client', async () => {
    const native = window.RTCPeerConnection;
    Reflect.deleteProperty(window, 'RTCPeerConnection');
    try {
      render(
        html`<trtc-live-room manual backend="trtc-v5" sdk-app-id="1400000000" room-id="8888" user-id="v5_viewer" .userSig=${SECRET}>
          <trtc-co-anchor-button></trtc-co-anchor-button>
        </trtc-live-room>`,
        container,
      );
      const room = container.querySelector<TrtcLiveRoomElement>('trtc-live-room')!;
      const events = new EventRecord(room);
      await room.join();
      await room.join();
      await room.updateComplete;
      expect(room.getAttribute('connection-state')).to.equal('failed');
      expect(events.of('trtc-error').map((error) => [error.code, error.recoverable])).to.deep.equal([['unsupported-browser', false]]);
      expect(statusOf(room)).to.deep.equal({
        text: 'This browser cannot take part in live rooms. Try a recent Chrome, Edge, Firefox or Safari.',
        visible: true,
      });
      expect(listening.size, 'no v5 client').to.equal(0);
      await expectAccessible(room);
    } finally {
      if (native) window.RTCPeerConnection = native;
    }
  });

  it('joins numeric rooms with roomId and string rooms with strRoomId, in the live scene', async function () {
    if (!features.webRTC()) this.skip();
    const entered: unknown[] = [];
    const { join } = V5Client.prototype;
    V5Client.prototype.join = function (this: V5Client, options) {
      const { enterRoom } = this.trtc;
      this.trtc.enterRoom = (params) => {
        entered.push({ ...params, userSig: '(masked)' });
        return enterRoom.call(this.trtc, params);
      };
      return join.call(this, options);
    };
    try {
      render(
        html`<trtc-live-room manual backend="trtc-v5" sdk-app-id="1400000000" room-id="8888" user-id="v5_a" user-sig="x"></trtc-live-room>
          <trtc-live-room manual backend="trtc-v5" sdk-app-id="1400000000" room-id="v5_room" user-id="v5_b" user-role="anchor"
            user-sig="x"></trtc-live-room>`,
        container,
      );
      const [numeric, named] = container.querySelectorAll<TrtcLiveRoomElement>('trtc-live-room');
      await Promise.all([numeric.join(), named.join()]);
    } finally {
      V5Client.prototype.join = join;
    }
    const common = { sdkAppId: 1400000000, userSig: '(masked)', scene: 'live', autoReceiveAudio: false, autoReceiveVideo: false, enableAutoPlayDialog: false };
    expect(entered).to.deep.include({ ...common, userId: 'v5_a', roomId: 8888, role: 'audience' });
    expect(entered).to.deep.include({ ...common, userId: 'v5_b', strRoomId: 'v5_room', role: 'anchor' });
  });
});
