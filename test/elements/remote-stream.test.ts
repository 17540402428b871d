import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import './fake-room-controller.js';
import type { TrtcRemoteStreamElement } from '../../src/index.js';
import { until } from '../helpers/media.js';
import { trackMutationObservers } from './observers.js';
import { defineLateRoom, lateRoomTag, remoteSnapshot, type FakeLiveRoomElement } from './fake-room-controller.js';

async function roomWithTile(tile = html`<trtc-remote-stream user-id="host"></trtc-remote-stream>`) {
  const element = await fixture<FakeLiveRoomElement>(html`<fake-live-room manual>${tile}</fake-live-room>`);
  const stream = element.querySelector<TrtcRemoteStreamElement>('trtc-remote-stream')!;
  await stream.updateComplete;
  return { room: element, stream, fake: element.fake };
}

function part(element: HTMLElement, name: string): HTMLElement | null {
  return element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

describe('<trtc-remote-stream>', () => {
  it('attaches a view to the nearest room with its settings and a real div in its shadow root', async () => {
    const { stream, fake } = await roomWithTile(
      html`<trtc-remote-stream user-id="host" stream-type="auxiliary" object-fit="contain" muted></trtc-remote-stream>`,
    );
    expect(fake.remoteViews).to.have.length(1);
    const [view] = fake.remoteViews;
    expect(view).to.include({ host: stream, userId: 'host', streamType: 'auxiliary', objectFit: 'contain', muted: true });
    expect(view.container).to.be.instanceOf(HTMLDivElement);
    expect(view.container).to.equal(part(stream, 'video'));
  });

  it('reads muted="false" as not muted', async () => {
    const { fake } = await roomWithTile(html`<trtc-remote-stream muted="false"></trtc-remote-stream>`);
    expect(fake.remoteViews[0]).to.include({ muted: false, userId: '', streamType: 'main', objectFit: 'cover' });
  });

  it('shows the localized placeholder until a stream is shown, then reflects it', async () => {
    const { stream, fake } = await roomWithTile();
    expect(part(stream, 'placeholder')!.checkVisibility()).to.be.true;
    expect(part(stream, 'placeholder')!.querySelector('slot')!.textContent).to.equal('Waiting for the anchor…');
    expect(stream.active).to.be.false;
    await expect(stream).to.be.accessible();

    fake.remoteViews[0].show(remoteSnapshot('host'));
    await stream.updateComplete;
    expect(stream.hasAttribute('active')).to.be.true;
    expect(stream.getAttribute('stream-user-id')).to.equal('host');
    expect(stream.streamUserId).to.equal('host');
    expect(part(stream, 'placeholder')!.checkVisibility()).to.be.false;
    expect(part(stream, 'base')!.getAttribute('aria-label')).to.equal('Live video of host');
    await expect(stream).to.be.accessible();

    fake.remoteViews[0].show(remoteSnapshot('host', { videoMuted: true }));
    await stream.updateComplete;
    expect(part(stream, 'camera-off')!.checkVisibility()).to.be.true;
    expect(part(stream, 'camera-off')!.textContent).to.equal('host has turned the camera off');

    fake.remoteViews[0].show(null);
    await stream.updateComplete;
    expect(stream.hasAttribute('active')).to.be.false;
    expect(stream.hasAttribute('stream-user-id')).to.be.false;
    expect(part(stream, 'placeholder')!.checkVisibility()).to.be.true;
  });

  it('shows the page author’s placeholder content and Chinese text under lang="zh-CN"', async () => {
    const custom = await roomWithTile(html`<trtc-remote-stream><p slot="placeholder">Back soon</p></trtc-remote-stream>`);
    const slot = part(custom.stream, 'placeholder')!.querySelector('slot')!;
    expect(slot.assignedElements().map((element) => element.textContent)).to.deep.equal(['Back soon']);

    const chinese = await roomWithTile(html`<trtc-remote-stream lang="zh-CN"></trtc-remote-stream>`);
    expect(part(chinese.stream, 'placeholder')!.textContent!.trim()).to.equal('等待主播开播…');
    chinese.fake.remoteViews[0].show(remoteSnapshot('host', { autoplayBlocked: true }));
    await chinese.stream.updateComplete;
    expect(part(chinese.stream, 'play-button')!.textContent).to.equal('点击播放');
    await expect(chinese.stream).to.be.accessible();
  });

  it('offers a play button when autoplay was blocked, which resumes that stream', async () => {
    const { stream, fake } = await roomWithTile();
    fake.remoteViews[0].show(remoteSnapshot('host', { autoplayBlocked: true, playing: false }));
    await stream.updateComplete;
    const button = part(stream, 'play-button') as HTMLButtonElement;
    expect(button.localName).to.equal('button');
    expect(button.textContent).to.equal('Click to play');
    await expect(stream).to.be.accessible();
    button.click();
    expect(fake.resumed).to.deep.equal(['host:main']);
    fake.remoteViews[0].show(remoteSnapshot('host'));
    await stream.updateComplete;
    expect(part(stream, 'play-button')).to.be.null;
  });

  it('re-attaches when what it asks for changes', async () => {
    const { stream, fake } = await roomWithTile();
    const first = fake.remoteViews[0];
    first.show(remoteSnapshot('host'));
    stream.userId = 'guest';
    await stream.updateComplete;
    expect(fake.remoteViews).to.have.length(1);
    expect(fake.remoteViews[0]).not.to.equal(first);
    expect(fake.remoteViews[0].userId).to.equal('guest');
    expect(stream.active, 'the old assignment is dropped').to.be.false;
    first.show(remoteSnapshot('host'));
    await stream.updateComplete;
    expect(stream.active, 'a detached view is ignored').to.be.false;
    stream.setAttribute('object-fit', 'contain');
    await stream.updateComplete;
    expect(fake.remoteViews.map((view) => view.objectFit)).to.deep.equal(['contain']);
  });

  it('detaches when removed, and lets go of its one subscription to the room', async () => {
    const { stream, fake } = await roomWithTile();
    const before = fake.subscriberCount;
    stream.remove();
    expect(fake.remoteViews).to.have.length(0);
    expect(fake.subscriberCount).to.equal(before - 1);
  });

  it('finds a room named with room="ID" that is already on the page', async () => {
    const container = await fixture<HTMLDivElement>(html`
      <div>
        <fake-live-room id="stage" manual><p>own layout</p></fake-live-room>
        <trtc-remote-stream room="stage" user-id="host"></trtc-remote-stream>
      </div>
    `);
    const stageRoom = container.querySelector<FakeLiveRoomElement>('fake-live-room')!;
    expect(stageRoom.fake.remoteViews.map((view) => view.userId)).to.deep.equal(['host']);
  });

  it('finds a named room inserted after it, and follows the id when it moves', async () => {
    const stream = await fixture<TrtcRemoteStreamElement>(html`<trtc-remote-stream room="later"></trtc-remote-stream>`);
    const first = document.createElement('fake-live-room') as FakeLiveRoomElement;
    first.manual = true;
    first.id = 'later';
    first.append(document.createElement('p'));
    document.body.append(first);
    await until(() => first.fake.remoteViews.length === 1, 'the view to attach to the inserted room');
    first.id = 'renamed';
    await until(() => first.fake.remoteViews.length === 0, 'the view to leave the renamed room');
    expect(first.fake.subscriberCount).to.equal(1, 'only the room itself');
    stream.remove();
    first.remove();
  });

  it('finds a named room whose element is defined after it', async () => {
    const tag = lateRoomTag();
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    container.innerHTML = `<trtc-remote-stream room="late"></trtc-remote-stream><${tag} id="late" manual><p></p></${tag}>`;
    defineLateRoom(tag);
    const lateRoom = container.querySelector<FakeLiveRoomElement>(tag)!;
    await until(() => lateRoom.fake.remoteViews.length === 1, 'the view to attach once the room is defined');
  });

  it('finds an ancestor room defined after it through the context', async () => {
    const tag = lateRoomTag();
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    container.innerHTML = `<${tag} manual><trtc-remote-stream user-id="host"></trtc-remote-stream></${tag}>`;
    defineLateRoom(tag);
    const lateRoom = container.querySelector<FakeLiveRoomElement>(tag)!;
    await until(() => lateRoom.fake.remoteViews.length === 1, 'the view to attach to the upgraded ancestor');
  });

  it('disconnects every observer it started (room lookup and lang) when removed', async () => {
    const observers = trackMutationObservers();
    try {
      const stream = await fixture<TrtcRemoteStreamElement>(html`<trtc-remote-stream room="never"></trtc-remote-stream>`);
      expect(observers.live).to.equal(2, 'one watching for the room, one for lang changes');
      stream.remove();
      expect(observers.live).to.equal(0);
    } finally {
      observers.restore();
    }
  });
});
