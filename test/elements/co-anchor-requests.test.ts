import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import './fake-room-controller.js';
import type { TrtcCoAnchorRequestsElement } from '../../src/index.js';
import type { LiveRoomState } from '../../src/room/types.js';
import { until } from '../helpers/media.js';
import { watchSignalingResources } from '../signaling/resources.js';
import type { FakeLiveRoomElement } from './fake-room-controller.js';

type Fake = FakeLiveRoomElement['fake'];

/** The host's room (a fake) and its queue beside it, named with room=. */
async function hostWithQueue(lang = 'en') {
  const wrapper = await fixture<HTMLDivElement>(html`
    <div lang=${lang}>
      <fake-live-room id="stage" manual></fake-live-room>
      <trtc-co-anchor-requests room="stage"></trtc-co-anchor-requests>
    </div>
  `);
  const room = wrapper.querySelector<FakeLiveRoomElement>('fake-live-room')!;
  const queue = wrapper.querySelector<TrtcCoAnchorRequestsElement>('trtc-co-anchor-requests')!;
  await queue.updateComplete;
  return { wrapper, fake: room.fake, queue };
}

async function moveTo(queue: TrtcCoAnchorRequestsElement, fake: Fake, patch: Partial<LiveRoomState>) {
  fake.setState(patch);
  await queue.updateComplete;
}

const parts = (queue: Element, name: string) => [...queue.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const part = (queue: Element, name: string) => parts(queue, name)[0];
const visible = (element: HTMLElement) => element.checkVisibility();
const announcement = (queue: Element) => queue.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

describe('<trtc-co-anchor-requests>', () => {
  it('says no one is asking, with a count of 0, while the queue is empty', async () => {
    const { queue } = await hostWithQueue();
    expect(visible(part(queue, 'empty'))).to.equal(true);
    expect(part(queue, 'empty').textContent!.trim()).to.equal('No one is asking to go live.');
    expect(visible(part(queue, 'list'))).to.equal(false);
    expect(queue.getAttribute('count')).to.equal('0');
    expect(queue.count).to.equal(0);
    await expect(queue).to.be.accessible();
  });

  it('lists requests in arrival order with how long each waited, and a count for a badge', async () => {
    const { queue, fake } = await hostWithQueue();
    const now = Date.now();
    await moveTo(queue, fake, {
      coAnchorRequests: [
        { userId: 'amy', since: now - 75_000 },
        { userId: 'bob', since: now - 3_000 },
      ],
    });
    const rows = parts(queue, 'request');
    expect(rows.map((row) => row.querySelector('.user')!.textContent)).to.deep.equal(['amy', 'bob']);
    expect(rows.map((row) => row.querySelector('.waiting')!.textContent)).to.deep.equal(['waiting 1 min', 'waiting 3 s']);
    expect(queue.getAttribute('count')).to.equal('2');
    expect(part(queue, 'count').textContent).to.equal('2');
    expect(visible(part(queue, 'empty'))).to.equal(false);
    expect(parts(queue, 'approve').map((button) => button.getAttribute('aria-label'))).to.deep.equal(['Approve amy', 'Approve bob']);
    expect(parts(queue, 'deny').map((button) => button.getAttribute('aria-label'))).to.deep.equal(['Deny amy', 'Deny bob']);
    await expect(queue).to.be.accessible();
  });

  it('moves the waiting time on while someone waits', async () => {
    const { queue, fake } = await hostWithQueue();
    await moveTo(queue, fake, { coAnchorRequests: [{ userId: 'amy', since: Date.now() }] });
    const waiting = () => part(queue, 'request').querySelector('.waiting')!.textContent;
    expect(waiting()).to.equal('waiting 0 s');
    await until(() => waiting() === 'waiting 1 s', 'the waiting time to move on', 3000);
  });

  it('approves and denies the request of the row pressed, and removes a co-anchor from stage', async () => {
    const { queue, fake } = await hostWithQueue();
    await moveTo(queue, fake, {
      coAnchorRequests: [
        { userId: 'amy', since: Date.now() },
        { userId: 'bob', since: Date.now() },
      ],
      coAnchors: [{ userId: 'cat', since: Date.now() }],
    });
    parts(queue, 'approve')[1].click();
    parts(queue, 'deny')[0].click();
    expect(parts(queue, 'remove').map((button) => button.getAttribute('aria-label'))).to.deep.equal(['Remove from stage: cat']);
    expect(part(queue, 'remove').textContent!.trim()).to.equal('Remove from stage');
    part(queue, 'remove').click();
    expect(fake.calls).to.deep.equal(['approveCoAnchorRequest:bob', 'denyCoAnchorRequest:amy', 'removeCoAnchor:cat']);
    await expect(queue).to.be.accessible();
  });

  it('shows the co-anchors on stage while no one is asking', async () => {
    const { queue, fake } = await hostWithQueue();
    await moveTo(queue, fake, { coAnchors: [{ userId: 'cat', since: Date.now() }] });
    expect(visible(part(queue, 'stage'))).to.equal(true);
    expect(visible(part(queue, 'empty'))).to.equal(true);
    await expect(queue).to.be.accessible();
  });

  it('announces each new request in a polite live region', async () => {
    const { queue, fake } = await hostWithQueue();
    expect(queue.shadowRoot!.querySelector('[role="status"]')).to.exist;
    expect(announcement(queue)).to.equal('');
    fake.setState({ coAnchorRequests: [{ userId: 'amy', since: Date.now() }] });
    fake.emit('trtc-co-anchor-request', { userId: 'amy', status: 'pending' });
    await queue.updateComplete;
    expect(announcement(queue)).to.equal('amy asks to go live.');
    fake.emit('trtc-co-anchor-request', { userId: 'amy', status: 'cancelled' });
    await queue.updateComplete;
    expect(announcement(queue), 'a cancellation is not announced as an arrival').to.equal('amy asks to go live.');
  });

  it('speaks Chinese under lang="zh-CN", in every state', async () => {
    const { queue, fake } = await hostWithQueue('zh-CN');
    await until(() => part(queue, 'empty').textContent!.trim() === '暂无连麦申请。', 'the Chinese strings');
    await expect(queue).to.be.accessible();
    await moveTo(queue, fake, {
      coAnchorRequests: [{ userId: 'amy', since: Date.now() - 5_000 }],
      coAnchors: [{ userId: 'cat', since: Date.now() }],
    });
    expect(part(queue, 'request').querySelector('.waiting')!.textContent).to.equal('已等待 5 秒');
    expect(part(queue, 'approve').getAttribute('aria-label')).to.equal('同意 amy');
    expect(part(queue, 'deny').getAttribute('aria-label')).to.equal('拒绝 amy');
    expect(part(queue, 'remove').getAttribute('aria-label')).to.equal('下麦：cat');
    await expect(queue).to.be.accessible();
  });

  it('runs its clock only while someone waits, and stops it and its listener when removed from the page', async () => {
    const resources = watchSignalingResources();
    const { wrapper, queue, fake } = await hostWithQueue();
    const idle = resources.snapshot().intervals;
    await moveTo(queue, fake, { coAnchorRequests: [{ userId: 'amy', since: Date.now() }] });
    expect(resources.snapshot().intervals, 'a clock while amy waits').to.equal(idle + 1);
    await moveTo(queue, fake, { coAnchorRequests: [] });
    expect(resources.snapshot().intervals, 'no clock while no one waits').to.equal(idle);
    await moveTo(queue, fake, { coAnchorRequests: [{ userId: 'amy', since: Date.now() }] });
    const before = fake.listenerCount;
    queue.remove();
    expect(fake.listenerCount, 'its event listener removed').to.equal(before - 1);
    expect(resources.snapshot().intervals, 'no clock once removed').to.equal(idle);
    wrapper.remove();
  });
});
