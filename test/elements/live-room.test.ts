import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { TrtcRemoteStreamElement } from '../../src/index.js';
import type { LiveRoomErrorDetail } from '../../src/room/types.js';
import { until } from '../helpers/media.js';
import { remoteSnapshot, type FakeLiveRoomElement } from './fake-room-controller.js';

const SECRET = 'eJw-user-signature-SECRET';

async function room(template = html`<fake-live-room sdk-app-id="1400000000" room-id="8888" user-id="viewer_42"></fake-live-room>`) {
  const element = await fixture<FakeLiveRoomElement>(template);
  await element.updateComplete;
  return element;
}

function statusOf(element: FakeLiveRoomElement): HTMLElement {
  return element.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;
}

async function settle(element: FakeLiveRoomElement): Promise<void> {
  await elementUpdated(element);
  await element.updateComplete;
}

describe('<trtc-live-room>', () => {
  it('joins on connect with the settings from its attributes and the userSig property', async () => {
    const element = document.createElement('fake-live-room') as FakeLiveRoomElement;
    element.setAttribute('sdk-app-id', '1400000000');
    element.setAttribute('room-id', '8888');
    element.setAttribute('user-id', 'viewer_42');
    element.setAttribute('user-role', 'anchor');
    element.setAttribute('auto-publish', '');
    element.setAttribute('backend', 'loopback');
    element.userSig = SECRET;
    document.body.append(element);
    await element.updateComplete;
    expect(element.fake.count('join')).to.equal(1);
    expect(element.fake.backend).to.equal('loopback');
    expect(element.fake.configured.at(-1)).to.deep.equal({
      sdkAppId: '1400000000',
      roomId: '8888',
      userId: 'viewer_42',
      userSig: SECRET,
      credentialsUrl: null,
      credentialsCrossOrigin: false,
      role: 'anchor',
      autoPublish: true,
      signaling: null,
      hostId: null,
      maxCoAnchors: null,
    });
    expect(element.hasAttribute('user-sig')).to.be.false;
    element.remove();
  });

  it('passes credentials-cross-origin on as a boolean ("false" is false)', async () => {
    const allowed = await room(html`<fake-live-room room-id="1" credentials-url="https://id.example.test/sig" credentials-cross-origin></fake-live-room>`);
    expect(allowed.fake.configured.at(-1)).to.include({ credentialsCrossOrigin: true });
    const refused = await room(html`<fake-live-room room-id="1" credentials-cross-origin="false"></fake-live-room>`);
    expect(refused.fake.configured.at(-1)).to.include({ credentialsCrossOrigin: false });
  });

  it('does not join with `manual`, but does with manual="false"', async () => {
    const manual = await room(html`<fake-live-room manual room-id="1"></fake-live-room>`);
    expect(manual.fake.count('join')).to.equal(0);
    const automatic = await room(html`<fake-live-room manual="false" room-id="1"></fake-live-room>`);
    expect(automatic.manual).to.be.false;
    expect(automatic.fake.count('join')).to.equal(1);
  });

  it('delegates join, leave and co-anchoring to its one controller', async () => {
    const element = await room(html`<fake-live-room manual></fake-live-room>`);
    const { controller } = element;
    await element.join();
    await element.startCoAnchor({ video: false });
    await element.stopCoAnchor();
    await element.leave();
    expect(element.fake.calls).to.deep.equal(['join', 'startCoAnchor', 'stopCoAnchor', 'leave']);
    expect(element.fake.coAnchorOptions).to.deep.equal([{ video: false }]);
    const approve = () => true;
    element.approveCoAnchor = approve;
    expect(element.fake.approveCoAnchor).to.equal(approve);
    expect(element.controller).to.equal(controller);
  });

  it('reflects the state and dispatches trtc-state-change with the snapshot on every change', async () => {
    const element = await room();
    expect(element.getAttribute('connection-state')).to.equal('idle');
    const seen: unknown[] = [];
    element.addEventListener('trtc-state-change', (event) => seen.push(event.detail));
    const joining = element.fake.setState({ connectionState: 'joining' });
    const live = element.fake.setState({ connectionState: 'joined', coAnchorState: 'live' });
    expect(seen).to.deep.equal([joining, live]);
    expect(seen[1]).to.equal(element.state);
    expect(element.getAttribute('connection-state')).to.equal('joined');
    expect(element.getAttribute('co-anchor-state')).to.equal('live');
    expect(element.connectionState).to.equal('joined');
    expect(element.coAnchorState).to.equal('live');
  });

  it('re-dispatches each controller event exactly once, bubbling out of shadow roots', async () => {
    const element = await room();
    const events: CustomEvent[] = [];
    const record = (event: Event) => events.push(event as CustomEvent);
    const types = ['trtc-joined', 'trtc-stream-added', 'trtc-kicked', 'trtc-error'] as const;
    for (const type of types) document.addEventListener(type, record);
    const identity = { roomId: 8888, userId: 'viewer_42', role: 'audience' as const };
    const stream = remoteSnapshot('host');
    const error: LiveRoomErrorDetail = { code: 'kicked', message: 'Removed', recoverable: false };
    element.fake.emit('trtc-joined', identity);
    element.fake.emit('trtc-stream-added', stream);
    element.fake.emit('trtc-kicked', { reason: 'banned' });
    element.fake.emit('trtc-error', error);
    for (const type of types) document.removeEventListener(type, record);
    expect(events.map((event) => event.type)).to.deep.equal([...types]);
    expect(events.map((event) => event.detail)).to.deep.equal([identity, stream, { reason: 'banned' }, error]);
    expect(events.every((event) => event.bubbles && event.composed && event.target === element)).to.be.true;
  });

  it('shows a polite status for joining, reconnecting, failures and a kick, and is accessible in each', async () => {
    const element = await room();
    const status = statusOf(element);
    expect(status.textContent).to.equal('');
    await expect(element).to.be.accessible();
    const cases: [Parameters<typeof element.fake.setState>[0], string][] = [
      [{ connectionState: 'joining' }, 'Joining the room…'],
      [{ connectionState: 'reconnecting' }, 'Connection lost. Reconnecting…'],
      [
        { connectionState: 'failed', error: { code: 'invalid-config', field: 'room-id', message: 'x', recoverable: false } },
        'The room ID is not valid.',
      ],
      [
        { connectionState: 'failed', error: { code: 'join-failed', sdkCode: 0x404c, message: 'x', recoverable: true } },
        'Could not join the room. Check your connection and try again.',
      ],
      [
        { connectionState: 'failed', error: { code: 'kicked', message: 'x', recoverable: false } },
        'You were removed from the room. This user ID may have joined from another tab or device.',
      ],
      [{ connectionState: 'left', error: null }, 'You left the room.'],
    ];
    for (const [patch, text] of cases) {
      element.fake.setState(patch);
      await settle(element);
      expect(status.textContent).to.equal(text);
      expect(status.checkVisibility()).to.be.true;
      await expect(element).to.be.accessible();
    }
    expect(statusOf(element)).to.equal(status, 'the live region is never replaced');
  });

  it('reports a failed co-anchor step and a denied request while joined, until the next attempt', async () => {
    const element = await room();
    const status = statusOf(element);
    element.fake.setState({ connectionState: 'joined' });
    element.fake.emit('trtc-error', { code: 'permission-denied', message: 'x', recoverable: true });
    await settle(element);
    expect(status.textContent).to.equal('Camera or microphone access was denied. Allow access in your browser to go live.');
    element.fake.emit('trtc-co-anchor-change', { state: 'requesting', previousState: 'idle', denied: false, reason: null });
    await settle(element);
    expect(status.textContent).to.equal('');
    element.fake.emit('trtc-co-anchor-change', { state: 'idle', previousState: 'requesting', denied: true, reason: 'denied' });
    await settle(element);
    expect(status.textContent).to.equal('Your request to go live was declined.');
    await expect(element).to.be.accessible();
  });

  it('passes signaling, host-id and max-co-anchors on, a transport object as the property, and delegates the host\'s decisions', async () => {
    const element = await room(html`<fake-live-room manual signaling="loopback" host-id="host" max-co-anchors="3"></fake-live-room>`);
    await element.join();
    expect(element.fake.configured.at(-1)).to.include({ signaling: 'loopback', hostId: 'host', maxCoAnchors: '3' });
    const transport = { connect: async () => {}, send: async () => {}, onMessage: () => () => {}, close: async () => {} };
    element.signaling = transport;
    await element.join();
    expect(element.fake.configured.at(-1)!.signaling).to.equal(transport);
    await element.approveCoAnchorRequest('amy');
    await element.denyCoAnchorRequest('bob');
    await element.removeCoAnchor('cat');
    expect(element.fake.calls.slice(-3)).to.deep.equal(['approveCoAnchorRequest:amy', 'denyCoAnchorRequest:bob', 'removeCoAnchor:cat']);
  });

  it('says why a request or a time on stage ended, in both languages; a withdrawn request needs no notice', async () => {
    const notices = {
      full: ['The stage is full, so the host could not take you on.', '连麦人数已满，主播暂时无法接受你的申请。'],
      timeout: ['The host did not answer your request to go live.', '主播没有回应你的连麦申请。'],
      'host-left': ['The host left, so your request to go live ended.', '主播已离开，你的连麦申请已结束。'],
      removed: ['The host took you off stage.', '主播已将你下麦。'],
    } as const;
    const element = await room();
    element.fake.setState({ connectionState: 'joined' });
    for (const [lang, index] of [['en', 0], ['zh-CN', 1]] as const) {
      element.lang = lang;
      for (const [reason, texts] of Object.entries(notices) as [keyof typeof notices, readonly string[]][]) {
        element.fake.emit('trtc-co-anchor-change', { state: 'requesting', previousState: 'idle', denied: false, reason: null });
        element.fake.emit('trtc-co-anchor-change', { state: 'idle', previousState: 'requesting', denied: reason === 'full', reason });
        await until(() => statusOf(element).textContent === texts[index], `the ${lang} notice for ${reason}`);
        await expect(element).to.be.accessible();
      }
    }
    element.fake.emit('trtc-co-anchor-change', { state: 'requesting', previousState: 'idle', denied: false, reason: null });
    element.fake.emit('trtc-co-anchor-change', { state: 'idle', previousState: 'requesting', denied: false, reason: 'cancelled' });
    await settle(element);
    expect(statusOf(element).textContent).to.equal('');
  });

  it('speaks Chinese under lang="zh-CN" and follows a lang change on an ancestor', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="zh-CN"><fake-live-room room-id="x!"></fake-live-room></div>`);
    const element = wrapper.querySelector<FakeLiveRoomElement>('fake-live-room')!;
    element.fake.setState({ connectionState: 'failed', error: { code: 'invalid-config', field: 'user-id', message: 'x', recoverable: false } });
    await settle(element);
    expect(statusOf(element).textContent).to.equal('用户 ID 无效。');
    await expect(element).to.be.accessible();
    wrapper.lang = 'en';
    await until(() => statusOf(element).textContent === 'The user ID is not valid.', 'the status to switch to English');
  });

  it('renders one <trtc-remote-stream> per remote stream, the preview on stage, and a co-anchor button', async () => {
    const element = await room();
    const shadow = element.shadowRoot!;
    expect(shadow.querySelector('trtc-co-anchor-button')).to.exist;
    expect(shadow.querySelectorAll('trtc-remote-stream')).to.have.length(0);
    element.fake.setState({ connectionState: 'joined' });
    await settle(element);
    expect(shadow.querySelector('[part="empty-tile"]')!.textContent!.trim()).to.equal('Waiting for the anchor…');
    await expect(element).to.be.accessible();

    element.fake.setState({ remoteStreams: [remoteSnapshot('host'), remoteSnapshot('guest'), remoteSnapshot('host', { type: 'auxiliary' })] });
    await settle(element);
    const tiles = [...shadow.querySelectorAll<TrtcRemoteStreamElement>('trtc-remote-stream')];
    expect(tiles.map((tile) => [tile.userId, tile.streamType])).to.deep.equal([
      ['host', 'main'],
      ['guest', 'main'],
      ['host', 'auxiliary'],
    ]);
    expect(shadow.querySelector('[part="empty-tile"]')).to.be.null;
    expect(shadow.querySelector('trtc-local-stream')).to.be.null;
    // The tiles are the room's own children, so they reach its controller through the context.
    expect(element.fake.remoteViews.map((view) => view.userId)).to.have.members(['host', 'guest', 'host']);

    element.fake.setState({ localStream: { hasAudio: true, hasVideo: true, published: true, audioMuted: false, videoMuted: false }, coAnchorState: 'live' });
    await settle(element);
    expect(shadow.querySelector('trtc-local-stream')).to.exist;
    expect(element.fake.localViews).to.have.length(1);
    await expect(element).to.be.accessible();

    element.fake.setState({ remoteStreams: [remoteSnapshot('guest')], localStream: null });
    await settle(element);
    expect(shadow.querySelectorAll('trtc-remote-stream')).to.have.length(1);
    expect(tiles[1].isConnected, 'the remaining tile is kept, not re-created').to.be.true;
    expect(element.fake.remoteViews.map((view) => view.userId)).to.deep.equal(['guest']);
    expect(element.fake.localViews).to.have.length(0);

    element.fake.setState({ remoteStreams: [remoteSnapshot('guest'), remoteSnapshot('late')] });
    await settle(element);
    const after = [...shadow.querySelectorAll<TrtcRemoteStreamElement>('trtc-remote-stream')];
    expect(after.map((tile) => tile.userId), 'in join order').to.deep.equal(['guest', 'late']);
    expect(after[0], 'the tile of the stream that stayed is the same element').to.equal(tiles[1]);
  });

  it('slots its children instead of the default layout, and switches when they come and go', async () => {
    const element = await room(html`<fake-live-room><trtc-co-anchor-button></trtc-co-anchor-button></fake-live-room>`);
    const shadow = element.shadowRoot!;
    expect(shadow.querySelector('[part="layout"]')).to.be.null;
    expect(shadow.querySelector('slot')!.assignedElements()).to.have.length(1);
    element.replaceChildren();
    await until(() => shadow.querySelector('[part="layout"]') !== null, 'the default layout');
    element.append(document.createElement('trtc-remote-stream'));
    await until(() => shadow.querySelector('[part="layout"]') === null, 'the default layout to go');
  });

  it('leaves when removed, but not when moved within the page', async () => {
    const element = await room();
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(element);
    await element.updateComplete;
    await Promise.resolve();
    expect(element.fake.count('leave')).to.equal(0);
    expect(element.fake.count('join')).to.equal(1);
    element.remove();
    await Promise.resolve();
    expect(element.fake.count('leave')).to.equal(1);
    elsewhere.remove();
  });

  it('joins again after being removed and inserted again', async () => {
    const element = await room();
    const parent = element.parentElement!;
    element.remove();
    await Promise.resolve();
    element.fake.setState({ connectionState: 'left' });
    parent.append(element);
    await element.updateComplete;
    expect(element.fake.calls).to.deep.equal(['join', 'leave', 'join']);
  });

  it('hands new settings to its controller while joined, which decides whether to join again', async () => {
    const element = await room();
    element.fake.setState({ connectionState: 'joined' });
    element.userSig = 'fresh';
    await element.updateComplete;
    expect(element.fake.configured.at(-1)).to.include({ roomId: '8888', userSig: 'fresh' });
    element.setAttribute('room-id', '9999');
    element.backend = 'loopback';
    await element.updateComplete;
    expect(element.fake.configured.at(-1)).to.include({ roomId: '9999', userSig: 'fresh' });
    expect(element.fake.backend).to.equal('loopback');
    expect(element.fake.count('join'), 'the element itself does not join again').to.equal(1);
  });

  it('tries again when a setting is fixed after a failure, and stays out after leave()', async () => {
    const element = await room(html`<fake-live-room room-id="not valid!"></fake-live-room>`);
    element.fake.setState({ connectionState: 'failed' });
    element.roomId = '8888';
    await element.updateComplete;
    expect(element.fake.count('join')).to.equal(2);
    element.fake.setState({ connectionState: 'left' });
    element.roomId = '9999';
    await element.updateComplete;
    expect(element.fake.count('join')).to.equal(2);
  });

  it('never puts the user signature in its attributes or its rendered text', async () => {
    const element = await room(html`<fake-live-room room-id="8888" user-id="viewer_42" .userSig=${SECRET}></fake-live-room>`);
    element.fake.setState({ connectionState: 'failed', error: { code: 'invalid-config', field: 'user-sig', message: 'x', recoverable: false } });
    await settle(element);
    expect(element.outerHTML).not.to.include(SECRET);
    expect(element.shadowRoot!.innerHTML).not.to.include(SECRET);
    expect(element.fake.configured.at(-1)!.userSig).to.equal(SECRET);
  });

  it('hides with the hidden attribute', async () => {
    const element = await room(html`<fake-live-room hidden></fake-live-room>`);
    expect(getComputedStyle(element).display).to.equal('none');
  });

  it('keeps one subscription of its own; its default layout lets go of the controller when removed', async () => {
    const element = await room();
    element.fake.setState({ connectionState: 'joined', remoteStreams: [remoteSnapshot('host')] });
    await settle(element);
    expect(element.fake.listenerCount).to.equal(1);
    // A tile follows only whether the room is joined (its empty sentence); its stream comes through its view.
    expect(element.fake.subscriberCount).to.equal(3, 'the room, the tile and the button');
    expect(element.fake.remoteViews).to.have.length(1);
    element.remove();
    expect(element.fake.subscriberCount).to.equal(1);
    expect(element.fake.remoteViews).to.have.length(0);
    const events = oneEvent(element, 'trtc-state-change');
    element.fake.setState({ connectionState: 'left' });
    expect((await events).detail.connectionState).to.equal('left');
  });
});
