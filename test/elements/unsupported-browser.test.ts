/**
 * A browser without WebRTC (Debian's WebKitGTK is one): the room says so once, in the page's
 * language, and nothing throws. Where the engine has WebRTC, the test takes it away first.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { TrtcCoAnchorButtonElement, TrtcLiveRoomElement } from '../../src/index.js';
import type { LiveRoomErrorDetail } from '../../src/room/types.js';
import { until } from '../helpers/media.js';

const MESSAGES = {
  en: {
    status: 'This browser cannot take part in live rooms. Try a recent Chrome, Edge, Firefox or Safari.',
    hint: 'This browser cannot send your camera and microphone.',
  },
  'zh-CN': {
    status: '当前浏览器不支持直播互动，请使用新版 Chrome、Edge、Firefox 或 Safari。',
    hint: '当前浏览器无法发送摄像头和麦克风画面。',
  },
};

describe('a browser without WebRTC', () => {
  let nativePeerConnection: typeof RTCPeerConnection | undefined;
  const uncaught: unknown[] = [];
  const onUncaught = (event: ErrorEvent | PromiseRejectionEvent) =>
    uncaught.push('reason' in event ? event.reason : event.error);

  beforeEach(() => {
    nativePeerConnection = window.RTCPeerConnection;
    Reflect.deleteProperty(window, 'RTCPeerConnection');
    uncaught.length = 0;
    window.addEventListener('error', onUncaught);
    window.addEventListener('unhandledrejection', onUncaught);
  });

  afterEach(() => {
    if (nativePeerConnection) window.RTCPeerConnection = nativePeerConnection;
    window.removeEventListener('error', onUncaught);
    window.removeEventListener('unhandledrejection', onUncaught);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`reports unsupported-browser once, with a ${lang} message and an explained button`, async () => {
      const wrapper = await fixture<HTMLDivElement>(html`
        <div lang=${lang}>
          <trtc-live-room manual sdk-app-id="1400000000" room-id="8888" user-id="viewer_42" .userSig=${'signature'}>
            <trtc-remote-stream></trtc-remote-stream>
            <trtc-co-anchor-button></trtc-co-anchor-button>
          </trtc-live-room>
        </div>
      `);
      const room = wrapper.querySelector<TrtcLiveRoomElement>('trtc-live-room')!;
      const errors: LiveRoomErrorDetail[] = [];
      room.addEventListener('trtc-error', (event) => errors.push(event.detail));
      const failed = oneEvent(room, 'trtc-error');
      await room.join();
      await failed;

      expect(room.getAttribute('connection-state')).to.equal('failed');
      expect(errors.map((error) => error.code)).to.deep.equal(['unsupported-browser']);
      expect(errors[0]!.recoverable).to.equal(false);
      // A Chinese page renders once its strings are in.
      await room.updateComplete;
      const status = room.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;
      await until(() => status.textContent === MESSAGES[lang].status, 'the localized status');
      expect(status.checkVisibility()).to.equal(true);

      const button = wrapper.querySelector<TrtcCoAnchorButtonElement>('trtc-co-anchor-button')!;
      await button.updateComplete;
      const native = button.shadowRoot!.querySelector('button')!;
      expect(native.disabled || native.getAttribute('aria-disabled') === 'true', 'the button is unavailable').to.equal(true);
      expect(button.shadowRoot!.querySelector('[part~="hint"]')!.textContent!.trim()).to.equal(MESSAGES[lang].hint);
      await expect(room).to.be.accessible();
      await expect(button).to.be.accessible();

      // Trying again changes nothing and still throws nothing.
      await room.join();
      expect(errors).to.have.length(1);
      expect(uncaught).to.deep.equal([]);
    });
  }
});
