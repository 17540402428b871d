import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import './fake-room-controller.js';
import type { TrtcCoAnchorButtonElement } from '../../src/index.js';
import type { CoAnchorState, LiveRoomState } from '../../src/room/types.js';
import { until } from '../helpers/media.js';
import type { FakeLiveRoomElement } from './fake-room-controller.js';

async function roomWithButton(button = html`<trtc-co-anchor-button></trtc-co-anchor-button>`, lang = 'en') {
  const element = await fixture<FakeLiveRoomElement>(html`<fake-live-room manual lang=${lang}>${button}</fake-live-room>`);
  const host = element.querySelector<TrtcCoAnchorButtonElement>('trtc-co-anchor-button')!;
  await host.updateComplete;
  return { host, fake: element.fake, button: host.shadowRoot!.querySelector<HTMLButtonElement>('button')! };
}

function hint(host: TrtcCoAnchorButtonElement): HTMLElement {
  return host.shadowRoot!.querySelector<HTMLElement>('[part~="hint"]')!;
}

function announcement(host: TrtcCoAnchorButtonElement): string {
  return host.shadowRoot!.querySelector('[role="status"]')!.textContent!;
}

async function moveTo(host: TrtcCoAnchorButtonElement, fake: FakeLiveRoomElement['fake'], patch: Partial<LiveRoomState>) {
  fake.setState(patch);
  await host.updateComplete;
}

describe('<trtc-co-anchor-button>', () => {
  it('is a disabled-looking but focusable button explaining why while the room is not joined', async () => {
    const { host, fake, button } = await roomWithButton();
    expect(button.getAttribute('part')).to.equal('button');
    expect(button.textContent!.trim()).to.equal('Go live');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.disabled).to.be.false;
    expect(hint(host).textContent).to.equal('You can go live once you have joined the room.');
    expect(button.getAttribute('aria-describedby')).to.equal(hint(host).id);
    await expect(host).to.be.accessible();
    button.click();
    expect(fake.calls).to.deep.equal([]);
  });

  it('explains that it has no room when it is outside any room', async () => {
    const host = await fixture<TrtcCoAnchorButtonElement>(html`<trtc-co-anchor-button></trtc-co-anchor-button>`);
    expect(hint(host).textContent).to.equal('Not connected to a live room.');
    await expect(host).to.be.accessible();
  });

  it('explains that this browser cannot publish', async () => {
    const { host, fake, button } = await roomWithButton();
    await moveTo(host, fake, { connectionState: 'joined', canPublish: false });
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(hint(host).textContent).to.equal('This browser cannot send your camera and microphone.');
    button.click();
    expect(fake.calls).to.deep.equal([]);
  });

  it('walks through every co-anchor state with labels, aria-pressed and aria-busy, keeping focus', async () => {
    const { host, fake, button } = await roomWithButton();
    await moveTo(host, fake, { connectionState: 'joined', canPublish: true });
    button.focus();
    const steps: [CoAnchorState, string, string, string][] = [
      ['idle', 'Go live', 'false', 'false'],
      ['requesting', 'Waiting for approval. Press again to cancel', 'false', 'true'],
      ['starting', 'Going live…', 'false', 'true'],
      ['live', 'Leave stage', 'true', 'false'],
      ['stopping', 'Leaving stage…', 'true', 'true'],
      ['idle', 'Go live', 'false', 'false'],
    ];
    for (const [coAnchorState, label, pressed, busy] of steps) {
      await moveTo(host, fake, { coAnchorState });
      expect(button.textContent!.trim()).to.equal(label);
      expect(button.getAttribute('aria-pressed')).to.equal(pressed);
      expect(button.getAttribute('aria-busy')).to.equal(busy);
      expect(button.getAttribute('aria-disabled')).to.equal('false');
      expect(hint(host).hidden).to.be.true;
      expect(announcement(host)).to.equal(busy === 'true' ? label : '');
      expect(host.shadowRoot!.activeElement, `focus kept while ${coAnchorState}`).to.equal(button);
      await expect(host).to.be.accessible();
    }
  });

  it('starts from a click, stops when live, and ignores clicks while busy', async () => {
    const { host, fake, button } = await roomWithButton();
    await moveTo(host, fake, { connectionState: 'joined', canPublish: true });
    button.click();
    expect(fake.calls).to.deep.equal(['startCoAnchor']);
    expect(fake.coAnchorOptions).to.deep.equal([{ audio: true, video: true }]);
    await moveTo(host, fake, { coAnchorState: 'starting' });
    button.click();
    expect(fake.calls).to.deep.equal(['startCoAnchor']);
    await moveTo(host, fake, { coAnchorState: 'live' });
    button.click();
    expect(fake.calls).to.deep.equal(['startCoAnchor', 'stopCoAnchor']);
  });

  it('withdraws a request waiting for approval when pressed again', async () => {
    const { host, fake, button } = await roomWithButton();
    await moveTo(host, fake, { connectionState: 'joined', canPublish: true });
    button.click();
    await moveTo(host, fake, { coAnchorState: 'requesting' });
    expect(button.textContent!.trim()).to.equal('Waiting for approval. Press again to cancel');
    button.click();
    expect(fake.calls).to.deep.equal(['startCoAnchor', 'stopCoAnchor']);
  });

  it('takes a double click as one click: the second click of a multi-click (detail 2) is ignored', async () => {
    const { host, fake, button } = await roomWithButton();
    await moveTo(host, fake, { connectionState: 'joined', canPublish: true });
    const click = (detail: number) => button.dispatchEvent(new MouseEvent('click', { detail, bubbles: true, composed: true }));
    click(1);
    await moveTo(host, fake, { coAnchorState: 'live' });
    click(2);
    expect(fake.calls, 'the second click of "Go live" does not leave the stage').to.deep.equal(['startCoAnchor']);
    click(1);
    await moveTo(host, fake, { coAnchorState: 'idle' });
    click(2);
    click(3);
    expect(fake.calls, 'the second click of "Leave stage" does not go live again').to.deep.equal(['startCoAnchor', 'stopCoAnchor']);
  });

  it('lets a viewer who is live step down while the connection is restored', async () => {
    const { host, fake, button } = await roomWithButton();
    await moveTo(host, fake, { connectionState: 'reconnecting', coAnchorState: 'live' });
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    button.click();
    expect(fake.calls).to.deep.equal(['stopCoAnchor']);
  });

  it('goes live without audio or video as asked, reading "false" as false', async () => {
    const { host, fake, button } = await roomWithButton(html`<trtc-co-anchor-button no-audio no-video="false"></trtc-co-anchor-button>`);
    await moveTo(host, fake, { connectionState: 'joined', canPublish: true });
    button.click();
    expect(fake.coAnchorOptions).to.deep.equal([{ audio: false, video: true }]);
  });

  it('works from the keyboard with Enter and Space', async () => {
    const { host, fake } = await roomWithButton();
    await moveTo(host, fake, { connectionState: 'joined', canPublish: true });
    host.focus();
    expect(host.shadowRoot!.activeElement?.localName).to.equal('button');
    await sendKeys({ press: 'Enter' });
    await until(() => fake.count('startCoAnchor') === 1, 'Enter to start');
    await moveTo(host, fake, { coAnchorState: 'live' });
    // ' ' rather than 'Space': Firefox's WebDriver BiDi input knows keys by the character they type.
    await sendKeys({ press: ' ' });
    await until(() => fake.count('stopCoAnchor') === 1, 'Space to stop');
  });

  it('speaks Chinese', async () => {
    const { host, fake, button } = await roomWithButton(undefined, 'zh-CN');
    expect(hint(host).textContent).to.equal('进入房间后即可连麦。');
    const labels: [CoAnchorState, string][] = [
      ['idle', '连麦'],
      ['requesting', '等待主播同意，再按一次取消'],
      ['starting', '正在连麦…'],
      ['live', '结束连麦'],
      ['stopping', '正在结束…'],
    ];
    await moveTo(host, fake, { connectionState: 'joined', canPublish: true });
    for (const [coAnchorState, label] of labels) {
      await moveTo(host, fake, { coAnchorState });
      expect(button.textContent!.trim()).to.equal(label);
      await expect(host).to.be.accessible();
    }
  });

  it('acts on a room named with room="ID" outside it, and lets go when removed', async () => {
    const container = await fixture<HTMLDivElement>(html`
      <div>
        <fake-live-room id="main-room" manual><p>own layout</p></fake-live-room>
        <trtc-co-anchor-button room="main-room"></trtc-co-anchor-button>
      </div>
    `);
    const roomElement = container.querySelector<FakeLiveRoomElement>('fake-live-room')!;
    const host = container.querySelector<TrtcCoAnchorButtonElement>('trtc-co-anchor-button')!;
    await moveTo(host, roomElement.fake, { connectionState: 'joined', canPublish: true });
    host.shadowRoot!.querySelector('button')!.click();
    expect(roomElement.fake.calls).to.deep.equal(['startCoAnchor']);
    expect(roomElement.fake.subscriberCount).to.equal(2);
    host.remove();
    expect(roomElement.fake.subscriberCount).to.equal(1);
  });
});
