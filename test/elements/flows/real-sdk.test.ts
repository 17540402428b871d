/**
 * The room on the real `trtc-js-sdk` (the default backend) with valid-looking settings, offline:
 * Tencent Cloud cannot be reached (the harness sinks every non-loopback host), so the join fails.
 * The room must say so once, show it, and hold on to nothing. Without WebRTC (Debian's WebKitGTK)
 * the room refuses before loading the SDK, as unsupported.
 */
import { expect } from '@open-wc/testing';
import { html, render } from 'lit';
import '../../../src/index.js';
import type { TrtcLiveRoomElement } from '../../../src/index.js';
import { loadBackend } from '../../../src/backends/loader.js';
import { TrtcErrorCode } from '../../../src/backends/error-codes.js';
import type { TrtcBackend, TrtcClient } from '../../../src/backends/types.js';
import { features } from '../../helpers/features.js';
import { liveCapturedTracks, openPeerConnections, watchMediaResources } from '../../helpers/leaks.js';
import { until } from '../../helpers/media.js';
import { EventRecord, expectAccessible, nativeButton, part, settle, statusOf } from './flow-fixture.js';

const SECRET = 'eJyrVgrxCdZLLCjIzEtXslIqzs9JTVEC-real-looking-SECRET';

const SHOWN = {
  en: {
    'join-failed': 'Could not join the room. Check your connection and try again.',
    'unsupported-browser': 'This browser cannot take part in live rooms. Try a recent Chrome, Edge, Firefox or Safari.',
  },
  'zh-CN': {
    'join-failed': '进入房间失败，请检查网络后重试。',
    'unsupported-browser': '当前浏览器不支持直播互动，请使用新版 Chrome、Edge、Firefox 或 Safari。',
  },
} as const;

describe('<trtc-live-room> on the real trtc-js-sdk, offline', function () {
  // The SDK gives up on Tencent Cloud quickly here, but some engines have been slower to fail.
  this.timeout(90000);
  let TRTC: TrtcBackend;
  let container: HTMLElement;
  /** Handlers the room registered on each of the SDK's clients and never took off. */
  const listening = new Map<TrtcClient, Map<unknown, Set<unknown>>>();
  const clients = () => [...listening.keys()];
  const handlersLeft = () => [...listening.values()].flatMap((byEvent) => [...byEvent].filter(([, handlers]) => handlers.size > 0).map(([event]) => String(event)));

  before(async () => {
    watchMediaResources();
    TRTC = await loadBackend('trtc');
    // Count what the room registers on each client the SDK makes (the namespace is a plain object).
    const createClient = TRTC.createClient;
    TRTC.createClient = (config) => {
      const client = createClient.call(TRTC, config);
      const byEvent = new Map<unknown, Set<unknown>>();
      listening.set(client, byEvent);
      const { on, off } = client;
      client.on = ((event: never, handler: never) => {
        byEvent.set(event, (byEvent.get(event) ?? new Set()).add(handler));
        on.call(client, event, handler);
      }) as TrtcClient['on'];
      client.off = ((event: never, handler: never) => {
        byEvent.get(event)?.delete(handler);
        off.call(client, event, handler);
      }) as TrtcClient['off'];
      return client;
    };
  });

  after(() => {
    delete (TRTC as Partial<TrtcBackend>).createClient;
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

  for (const [lang, role] of [
    ['en', 'audience'],
    ['zh-CN', 'anchor'],
  ] as const) {
    it(`${lang}, as ${role}: fails with join-failed, says so, and releases everything`, async () => {
      render(
        html`<trtc-live-room lang=${lang} sdk-app-id="1400000000" room-id="8888" user-id="viewer_42" user-role=${role}
            ?auto-publish=${role === 'anchor'} .userSig=${SECRET}>
          <trtc-remote-stream></trtc-remote-stream>
          <trtc-local-stream></trtc-local-stream>
          <trtc-co-anchor-button></trtc-co-anchor-button>
        </trtc-live-room>`,
        container,
      );
      const room = container.querySelector<TrtcLiveRoomElement>('trtc-live-room')!;
      expect(room.backend, 'the default backend').to.equal('trtc');
      const events = new EventRecord(room);
      await until(() => room.getAttribute('connection-state') === 'failed', 'the join to fail', 60000);
      await settle();
      await room.updateComplete;

      const code = features.webRTC() ? 'join-failed' : 'unsupported-browser';
      const errors = events.of('trtc-error');
      expect(errors, 'exactly one trtc-error').to.have.length(1);
      expect(errors[0].code).to.equal(code);
      if (code === 'join-failed') {
        // Recorded offline with v4.15.22: the scheduler request cannot reach Tencent's host.
        expect(errors[0].sdkCode).to.equal(TrtcErrorCode.SCHEDULE_FAILED);
        expect(clients(), 'one client made').to.have.length(1);
        expect(listening.get(clients()[0])!.size, 'the room listened to it').to.be.greaterThan(5);
      } else {
        expect(clients(), 'no client without WebRTC').to.have.length(0);
      }
      expect(events.trace()).to.deep.equal(['trtc-error']);
      expect(statusOf(room)).to.deep.equal({ text: SHOWN[lang][code], visible: true });
      expect(part(room, 'status')!.classList.contains('error')).to.equal(true);
      expect(room.getAttribute('co-anchor-state')).to.equal('idle');
      const button = nativeButton(room.querySelector('trtc-co-anchor-button')!);
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      await expectAccessible(room);

      // Nothing held: no camera, no connection, no listener on the SDK's client.
      expect(liveCapturedTracks(), 'camera and microphone').to.have.length(0);
      expect(openPeerConnections(), 'peer connections').to.have.length(0);
      expect(handlersLeft(), 'SDK listeners left on the client').to.deep.equal([]);
      expect(room.state.remoteStreams).to.deep.equal([]);
      expect(room.state.localStream).to.equal(null);
      expect(JSON.stringify(events.events), 'the signature in an event').not.to.include(SECRET);
      expect(room.outerHTML + room.shadowRoot!.innerHTML, 'the signature in the page').not.to.include(SECRET);
      await settle();
      expect(room.getAttribute('connection-state'), 'it does not retry on its own').to.equal('failed');
    });
  }
});

