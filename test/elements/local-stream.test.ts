import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import './fake-room-controller.js';
import type { TrtcLocalStreamElement } from '../../src/index.js';
import type { FakeLiveRoomElement } from './fake-room-controller.js';

async function roomWithPreview(preview = html`<trtc-local-stream></trtc-local-stream>`) {
  const element = await fixture<FakeLiveRoomElement>(html`<fake-live-room manual>${preview}</fake-live-room>`);
  const local = element.querySelector<TrtcLocalStreamElement>('trtc-local-stream')!;
  await local.updateComplete;
  return { local, fake: element.fake };
}

describe('<trtc-local-stream>', () => {
  it('takes no space until the room plays the preview into it, then shows it', async () => {
    const { local, fake } = await roomWithPreview();
    expect(fake.localViews).to.have.length(1);
    const [view] = fake.localViews;
    expect(view.mirror).to.be.true;
    expect(view.container).to.equal(local.shadowRoot!.querySelector('[part~="video"]'));
    expect(view.container).to.be.instanceOf(HTMLDivElement);
    expect(getComputedStyle(local).display).to.equal('none');
    expect(local.active).to.be.false;

    view.show(true);
    await local.updateComplete;
    expect(local.hasAttribute('active')).to.be.true;
    expect(getComputedStyle(local).display).to.equal('block');
    expect(local.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('aria-label')).to.equal('Your camera preview');
    await expect(local).to.be.accessible();

    view.show(false);
    await local.updateComplete;
    expect(getComputedStyle(local).display).to.equal('none');
  });

  it('mirrors unless mirror="false", re-attaching when it changes', async () => {
    const { local, fake } = await roomWithPreview(html`<trtc-local-stream mirror="false"></trtc-local-stream>`);
    expect(fake.localViews.map((view) => view.mirror)).to.deep.equal([false]);
    local.mirror = 'true';
    await local.updateComplete;
    expect(fake.localViews.map((view) => view.mirror)).to.deep.equal([true]);
  });

  it('speaks Chinese under a zh-CN ancestor', async () => {
    const { local, fake } = await roomWithPreview(html`<div lang="zh-CN"><trtc-local-stream></trtc-local-stream></div>`);
    fake.localViews[0].show(true);
    await local.updateComplete;
    expect(local.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('aria-label')).to.equal('你的摄像头预览');
    expect(local.shadowRoot!.querySelector('[part~="name"]')!.textContent).to.equal('我');
    await expect(local).to.be.accessible();
  });

  it('detaches and unsubscribes when removed', async () => {
    const { local, fake } = await roomWithPreview();
    const before = fake.subscriberCount;
    fake.localViews[0].show(true);
    local.remove();
    expect(fake.localViews).to.have.length(0);
    expect(fake.subscriberCount).to.equal(before - 1);
    expect(local.active).to.be.false;
  });
});
