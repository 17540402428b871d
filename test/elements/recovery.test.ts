/**
 * A room out of reach offers a way back: Retry after a failure that trying again may mend, Join
 * again after leaving, each a real button in the status line; the co-anchor button says why it
 * cannot be used, rather than that joining is still under way.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import './fake-room-controller.js';
import type { TrtcCoAnchorButtonElement } from '../../src/index.js';
import type { LiveRoomErrorDetail, LiveRoomState } from '../../src/room/types.js';
import type { FakeLiveRoomElement } from './fake-room-controller.js';

const JOIN_FAILED: LiveRoomErrorDetail = Object.freeze({ code: 'join-failed', message: 'The SDK could not join the room.', recoverable: true });
const INVALID: LiveRoomErrorDetail = Object.freeze({
  code: 'invalid-config',
  field: 'room-id',
  message: 'room-id must be…',
  recoverable: false,
});

async function room(lang = 'en') {
  const element = await fixture<FakeLiveRoomElement>(html`
    <fake-live-room manual lang=${lang} sdk-app-id="1400000000" room-id="8888" user-id="viewer_42">
      <trtc-co-anchor-button></trtc-co-anchor-button>
    </fake-live-room>
  `);
  const button = element.querySelector<TrtcCoAnchorButtonElement>('trtc-co-anchor-button')!;
  await button.updateComplete;
  return { element, button };
}

async function moveTo(element: FakeLiveRoomElement, button: TrtcCoAnchorButtonElement, patch: Partial<LiveRoomState>): Promise<void> {
  element.fake.setState(patch);
  await element.updateComplete;
  await button.updateComplete;
}

function statusText(element: FakeLiveRoomElement): string {
  return element.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
}

function actionButton(element: FakeLiveRoomElement): HTMLButtonElement | null {
  return element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="status"] button[part~="retry-button"]');
}

function hint(button: TrtcCoAnchorButtonElement): string {
  return button.shadowRoot!.querySelector('[part~="hint"]')!.textContent!.trim();
}

describe('a room out of reach', () => {
  for (const [lang, retry, failedHint] of [
    ['en', 'Retry', 'The room could not be joined.'],
    ['zh-CN', '重试', '无法进入房间。'],
  ] as const) {
    it(`offers Retry after a recoverable failure, and the co-anchor button says the room could not be joined (${lang})`, async () => {
      const { element, button } = await room(lang);
      await moveTo(element, button, { connectionState: 'failed', error: JOIN_FAILED });
      const retryButton = actionButton(element);
      expect(retryButton, 'a Retry button').to.not.equal(null);
      expect(retryButton!.type).to.equal('button');
      expect(retryButton!.textContent!.trim()).to.equal(retry);
      expect(hint(button)).to.equal(failedHint);
      await expect(element).to.be.accessible();
      await expect(button).to.be.accessible();

      retryButton!.click();
      expect(element.fake.calls).to.deep.equal(['join']);
    });
  }

  it('Retry is a focusable button that Enter and Space press', async () => {
    const { element, button } = await room();
    await moveTo(element, button, { connectionState: 'failed', error: JOIN_FAILED });
    const retryButton = actionButton(element)!;
    retryButton.focus();
    expect(element.shadowRoot!.activeElement).to.equal(retryButton);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: ' ' });
    expect(element.fake.calls).to.deep.equal(['join', 'join']);
  });

  it('offers no Retry when trying again cannot help', async () => {
    const { element, button } = await room();
    await moveTo(element, button, { connectionState: 'failed', error: INVALID });
    expect(statusText(element)).to.equal('The room ID is not valid.');
    expect(actionButton(element)).to.equal(null);
    await expect(element).to.be.accessible();
  });

  for (const [lang, left, joinAgain, leftHint] of [
    ['en', 'You left the room.', 'Join again', 'You have left the room.'],
    ['zh-CN', '你已离开房间。', '重新进入', '你已离开房间。'],
  ] as const) {
    it(`after leaving, says so with a Join again button, and the co-anchor button says why (${lang})`, async () => {
      const { element, button } = await room(lang);
      await moveTo(element, button, { connectionState: 'joined', joinedRole: 'anchor' });
      expect(actionButton(element), 'no button while joined').to.equal(null);
      await moveTo(element, button, { connectionState: 'left' });
      expect(statusText(element)).to.equal(left);
      expect(actionButton(element)!.textContent!.trim()).to.equal(joinAgain);
      expect(hint(button)).to.equal(leftHint);
      await expect(element).to.be.accessible();
      await expect(button).to.be.accessible();
      actionButton(element)!.click();
      expect(element.fake.calls).to.deep.equal(['join']);
    });
  }

  for (const [lang, shown] of [
    ['en', 'Could not get the sign-in credentials for this room. The server said: “Set TRTC_SECRET_KEY.”'],
    ['zh-CN', '无法获取进入房间所需的凭证。 服务器返回：“Set TRTC_SECRET_KEY.”'],
  ] as const) {
    it(`shows what the credentials server said (${lang})`, async () => {
      const { element, button } = await room(lang);
      const error: LiveRoomErrorDetail = {
        code: 'credentials-failed',
        message: 'The credentials-url request failed… (/api/credentials answered 503: Set TRTC_SECRET_KEY.)',
        recoverable: true,
        field: 'credentials-url',
        serverMessage: 'Set TRTC_SECRET_KEY.',
      };
      await moveTo(element, button, { connectionState: 'failed', error });
      expect(statusText(element)).to.equal(shown);
      await expect(element).to.be.accessible();
    });
  }

  it('still says joining is under way while it is', async () => {
    const { element, button } = await room();
    await moveTo(element, button, { connectionState: 'joining' });
    expect(hint(button)).to.equal('You can go live once you have joined the room.');
    expect(actionButton(element)).to.equal(null);
  });
});
